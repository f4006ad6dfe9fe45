package io.budgetmonitor.query.exports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Fiscal Data Package 0.3 spec's required fields, checked one by one (the spec's JSON schema is
 * not in the build): a Data Package name and title, the {@code fiscal-data-package} profile,
 * resources each with a path in the zip and a Table Schema, a model whose measures each name a source
 * field and an ISO 4217 currency and whose dimensions each have attributes (each with a source field
 * or a constant) and a primary key among them. Then the CSV: it parses (RFC 4180), its header is the
 * schema's fields, and every value fits its field's type.
 */
final class FiscalDataPackageSpec {
    private static final Set<String> DIMENSION_TYPES =
            Set.of("datetime", "entity", "classification", "activity", "fact", "location", "other");
    private static final Set<String> CLASSIFICATION_TYPES = Set.of("administrative", "functional", "economic");
    private static final Set<String> PHASES = Set.of("proposed", "approved", "adjusted", "executed");

    private FiscalDataPackageSpec() {}

    /** Asserts the package and answers the records of its (single) CSV, header first. */
    static List<List<String>> assertValid(JsonNode descriptor, Map<String, byte[]> entries) {
        assertThat(descriptor.path("profile").asText()).isEqualTo("fiscal-data-package");
        assertThat(descriptor.path("name").asText()).matches("[a-z0-9._-]+");
        assertThat(descriptor.path("title").asText()).isNotBlank();

        JsonNode resources = descriptor.path("resources");
        assertThat(resources.isArray() && resources.size() > 0).as("resources").isTrue();
        Map<String, String> fieldTypes = new HashMap<>();
        List<List<String>> records = null;
        for (JsonNode resource : resources) {
            assertThat(resource.path("name").asText()).as("resource name").isNotBlank();
            String path = resource.path("path").asText();
            assertThat(entries).as("the resource's path is in the zip").containsKey(path);
            JsonNode fields = resource.path("schema").path("fields");
            assertThat(fields.isArray() && fields.size() > 0)
                    .as("schema.fields")
                    .isTrue();
            List<String> names = new ArrayList<>();
            for (JsonNode field : fields) {
                assertThat(field.path("name").asText()).isNotBlank();
                names.add(field.get("name").asText());
                fieldTypes.put(field.get("name").asText(), field.path("type").asText("string"));
            }
            records = CsvRecords.parse(new String(entries.get(path), StandardCharsets.UTF_8));
            assertThat(records.get(0)).as("CSV header = schema fields").isEqualTo(names);
            for (List<String> record : records.subList(1, records.size())) {
                assertThat(record).hasSize(names.size());
                for (int i = 0; i < names.size(); i++) {
                    assertFits(fieldTypes.get(names.get(i)), record.get(i), names.get(i));
                }
            }
        }

        JsonNode model = descriptor.path("model");
        JsonNode measures = model.path("measures");
        assertThat(measures.isObject() && measures.size() > 0)
                .as("model.measures")
                .isTrue();
        for (Iterator<Map.Entry<String, JsonNode>> it = measures.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> measure = it.next();
            assertThat(fieldTypes)
                    .as("measure %s names a CSV field", measure.getKey())
                    .containsKey(measure.getValue().path("source").asText());
            assertThat(fieldTypes.get(measure.getValue().get("source").asText()))
                    .isEqualTo("number");
            assertThat(measure.getValue().path("currency").asText())
                    .as("ISO 4217")
                    .isEqualTo("CNY");
            if (measure.getValue().has("phase")) {
                assertThat(PHASES).contains(measure.getValue().get("phase").asText());
            }
        }
        JsonNode dimensions = model.path("dimensions");
        assertThat(dimensions.isObject() && dimensions.size() > 0)
                .as("model.dimensions")
                .isTrue();
        for (Iterator<Map.Entry<String, JsonNode>> it = dimensions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> dimension = it.next();
            JsonNode attributes = dimension.getValue().path("attributes");
            assertThat(attributes.isObject() && attributes.size() > 0)
                    .as(dimension.getKey() + ".attributes")
                    .isTrue();
            attributes.fields().forEachRemaining(attribute -> {
                if (!attribute.getValue().has("constant")) {
                    assertThat(fieldTypes)
                            .as("attribute %s.%s names a CSV field", dimension.getKey(), attribute.getKey())
                            .containsKey(attribute.getValue().path("source").asText());
                }
                if (attribute.getValue().has("labelfor")) {
                    assertThat(attributes.has(
                                    attribute.getValue().get("labelfor").asText()))
                            .isTrue();
                }
            });
            JsonNode primaryKey = dimension.getValue().path("primaryKey");
            List<String> keys = new ArrayList<>();
            if (primaryKey.isTextual()) {
                keys.add(primaryKey.asText());
            } else {
                assertThat(primaryKey.isArray() && primaryKey.size() > 0)
                        .as(dimension.getKey() + ".primaryKey")
                        .isTrue();
                primaryKey.forEach(k -> keys.add(k.asText()));
            }
            keys.forEach(k -> assertThat(attributes.has(k))
                    .as("primary key %s is an attribute of %s", k, dimension.getKey())
                    .isTrue());
            if (dimension.getValue().has("dimensionType")) {
                assertThat(DIMENSION_TYPES)
                        .contains(dimension.getValue().get("dimensionType").asText());
            }
            if (dimension.getValue().has("classificationType")) {
                assertThat(CLASSIFICATION_TYPES)
                        .contains(dimension.getValue().get("classificationType").asText());
            }
        }
        return records;
    }

    private static void assertFits(String type, String value, String field) {
        if (value.isEmpty()) {
            return;
        }
        switch (type) {
            case "number" -> assertThat(new BigDecimal(value)).as(field).isNotNull();
            case "integer", "year" ->
                assertThat(Integer.parseInt(value)).as(field).isNotNull();
            case "boolean" -> assertThat(value).as(field).isIn("true", "false");
            default -> assertThat(value).as(field).isNotNull();
        }
    }
}
