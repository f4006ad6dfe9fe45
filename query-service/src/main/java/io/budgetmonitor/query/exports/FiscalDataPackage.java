package io.budgetmonitor.query.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.budgetmonitor.api.values.Money;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An OpenSpending Fiscal Data Package (财政数据包, FDP 0.3, fiscal.frictionlessdata.io): a zip with
 * {@code datapackage.json} — package metadata, one CSV resource with its Table Schema, and the
 * {@code model} that maps the CSV's columns to measures (amounts in CNY) and dimensions (department,
 * expenditure type, fund source, fiscal year, budget line) — and the CSV itself, one row per budget
 * line of every department-year in it. No totals row: an open-data portal sums the rows itself, and a
 * totals row would be counted twice.
 */
final class FiscalDataPackage {
    static final String DESCRIPTOR = "datapackage.json";
    static final String RESOURCE = "budget-lines";
    static final String CSV_PATH = "data/budget-lines.csv";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A CSV field: its name, Table Schema type, description, and value in a row. */
    private record Field(String name, String type, String description, Function<ExportLine, Object> value) {}

    private static final List<Field> FIELDS = fields();

    private FiscalDataPackage() {}

    /**
     * @param name  the package's url-compatible name (slug)
     * @param title its human title
     */
    static byte[] zip(String name, String title, int fiscalYear, LocalDate asOf, List<ExecutionExport> exports) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(DESCRIPTOR));
            zip.write(JSON.writeValueAsBytes(descriptor(name, title, fiscalYear, asOf, exports)));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(CSV_PATH));
            zip.write(csv(exports));
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A package name as Data Package wants it: lower case, letters, digits, '-', '_', '.'. */
    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    }

    private static byte[] csv(List<ExecutionExport> exports) {
        Csv csv = new Csv();
        csv.row(FIELDS.stream().map(Field::name).toList());
        for (ExecutionExport export : exports) {
            for (ExportLine line : export.lines()) {
                csv.row(FIELDS.stream().map(f -> f.value().apply(line)).toList());
            }
        }
        // machine-read: plain UTF-8 as Tabular Data Package expects, no byte-order mark
        return csv.bytes(false);
    }

    private static Map<String, Object> descriptor(
            String name, String title, int fiscalYear, LocalDate asOf, List<ExecutionExport> exports) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("profile", "fiscal-data-package");
        descriptor.put("name", slug(name));
        descriptor.put("title", title);
        descriptor.put(
                "description",
                "预算执行情况，截至 " + asOf + "，按预算项目列示；金额单位：元（CNY）。" + " Budget execution by budget line as of " + asOf
                        + ", amounts in yuan (CNY).");
        descriptor.put("countryCode", "CN");
        descriptor.put("granularity", "aggregated");
        descriptor.put("fiscalPeriod", Map.of("start", fiscalYear + "-01-01", "end", fiscalYear + "-12-31"));
        descriptor.put("asOf", asOf.toString());
        descriptor.put(
                "departments", exports.stream().map(ExecutionExport::department).toList());
        descriptor.put("resources", List.of(resource()));
        descriptor.put("model", model());
        return descriptor;
    }

    private static Map<String, Object> resource() {
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Field field : FIELDS) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", field.name());
            f.put("type", field.type());
            f.put("description", field.description());
            fields.add(f);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("fields", fields);
        schema.put("primaryKey", List.of("department", "fiscal_year", "line"));
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("name", RESOURCE);
        resource.put("path", CSV_PATH);
        resource.put("profile", "tabular-data-resource");
        resource.put("format", "csv");
        resource.put("mediatype", "text/csv");
        resource.put("encoding", "utf-8");
        resource.put("schema", schema);
        return resource;
    }

    private static Map<String, Object> model() {
        Map<String, Object> measures = new LinkedHashMap<>();
        measures.put("allocated", measure("allocated", "approved"));
        measures.put("adjustments", measure("adjustments", null));
        measures.put("transfers", measure("transfers", null));
        measures.put("budget", measure("budget", "adjusted"));
        measures.put("executed", measure("executed", "executed"));
        measures.put("reclaimed", measure("reclaimed", null));
        measures.put("carried-over", measure("carried_over", null));
        measures.put("available", measure("available", null));
        for (int q = 1; q <= 4; q++) {
            measures.put("executed-q" + q, measure("executed_q" + q, "executed"));
        }
        Map<String, Object> dimensions = new LinkedHashMap<>();
        dimensions.put(
                "administrative-classification", classification("department", "department_name", "administrative"));
        dimensions.put(
                "economic-classification", classification("expenditure_type", "expenditure_type_name", "economic"));
        // 资金来源 is not a functional classification (功能分类 such as 2010301 行政运行, which the
        // ledger does not carry), so it is a classification of its own rather than a mislabelled one
        dimensions.put("fund-source", classification("fund_source", "fund_source_name", null));
        dimensions.put(
                "date",
                dimension(Map.of("fiscal-year", attribute("fiscal_year", null)), List.of("fiscal-year"), "datetime"));
        Map<String, Object> activity = new LinkedHashMap<>();
        // line codes are unique within a department only, so the department is part of the key
        activity.put("department", attribute("department", null));
        activity.put("code", attribute("line", null));
        activity.put("name", attribute("line_name", "code"));
        dimensions.put("activity", dimension(activity, List.of("department", "code"), "activity"));
        dimensions.put(
                "appropriation",
                dimension(
                        Map.of("appropriation", attribute("appropriation", null)), List.of("appropriation"), "other"));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("measures", measures);
        model.put("dimensions", dimensions);
        return model;
    }

    private static Map<String, Object> measure(String source, String phase) {
        Map<String, Object> measure = new LinkedHashMap<>();
        measure.put("source", source);
        measure.put("currency", "CNY");
        measure.put("factor", 1);
        measure.put("resource", RESOURCE);
        measure.put("direction", "expenditure");
        if (phase != null) {
            measure.put("phase", phase);
        }
        return measure;
    }

    private static Map<String, Object> classification(String code, String label, String classificationType) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("code", attribute(code, null));
        attributes.put("name", attribute(label, "code"));
        Map<String, Object> dimension = dimension(attributes, List.of("code"), "classification");
        if (classificationType != null) {
            dimension.put("classificationType", classificationType);
        }
        return dimension;
    }

    private static Map<String, Object> dimension(Map<String, Object> attributes, List<String> primaryKey, String type) {
        Map<String, Object> dimension = new LinkedHashMap<>();
        dimension.put("attributes", attributes);
        dimension.put("primaryKey", primaryKey);
        dimension.put("dimensionType", type);
        return dimension;
    }

    private static Map<String, Object> attribute(String source, String labelFor) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        attribute.put("source", source);
        attribute.put("resource", RESOURCE);
        if (labelFor != null) {
            attribute.put("labelfor", labelFor);
        }
        return attribute;
    }

    private static List<Field> fields() {
        List<Field> fields = new ArrayList<>(List.of(
                new Field("department", "string", "部门编码 department code", ExportLine::department),
                new Field("department_name", "string", "部门名称 department", ExportLine::departmentName),
                new Field("fiscal_year", "year", "年度 fiscal year", ExportLine::fiscalYear),
                new Field("line", "string", "项目编码 budget line code", ExportLine::line),
                new Field("line_name", "string", "项目名称 budget line", ExportLine::name),
                new Field(
                        "fund_source",
                        "string",
                        "资金来源代码 fund source code",
                        l -> l.fundSource() == null ? null : l.fundSource().name()),
                new Field("fund_source_name", "string", "资金来源 fund source", l -> ChineseLabels.of(l.fundSource())),
                new Field(
                        "expenditure_type",
                        "string",
                        "支出类型代码 expenditure type code",
                        l -> l.expenditureType() == null
                                ? null
                                : l.expenditureType().name()),
                new Field(
                        "expenditure_type_name",
                        "string",
                        "支出类型 expenditure type",
                        l -> ChineseLabels.of(l.expenditureType())),
                new Field(
                        "appropriation",
                        "boolean",
                        "财政拨款 financed by appropriation",
                        l -> l.appropriation() == null
                                ? null
                                : l.appropriation().toString())));
        fields.add(amount("allocated", "年初预算数 initial budget", ExportLine::allocated));
        fields.add(amount("adjustments", "预算调整数 adjustments (supplements − reductions)", ExportLine::adjustments));
        fields.add(amount("transfers", "预算调剂数 transfers (in − out)", ExportLine::transfers));
        fields.add(amount("budget", "全年预算数 adjusted budget", ExportLine::budget));
        fields.add(amount("executed", "全年执行数 executed (net of reversals)", ExportLine::executed));
        fields.add(amount("reclaimed", "财政收回数 reclaimed", ExportLine::reclaimed));
        fields.add(amount("carried_over", "结转数 carried over", ExportLine::carriedOver));
        fields.add(amount("available", "可用余额 available", ExportLine::available));
        fields.add(new Field(
                "execution_rate",
                "number",
                "执行率 execution rate (ratio, 4 decimals)",
                l -> l.executionRate() == null ? null : new BigDecimal(l.executionRate())));
        for (int q = 1; q <= 4; q++) {
            int index = q - 1;
            fields.add(amount(
                    "executed_q" + q,
                    "第" + q + "季度执行数 executed in Q" + q,
                    l -> l.quarters().get(index)));
        }
        return List.copyOf(fields);
    }

    private static Field amount(String name, String description, Function<ExportLine, Money> figure) {
        return new Field(
                name, "number", description + ", yuan", l -> figure.apply(l).amount());
    }
}
