package io.budgetmonitor.scoring.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.budgetmonitor.api.rubric.RubricCodebook;
import io.budgetmonitor.api.values.TimeProgressCurve;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a rubric YAML file and checks it completely before it can score anything: a malformed file is
 * refused with a message that names the field (e.g. {@code parts[0].indicators[3].formula.step}),
 * because a rubric error found at evaluation time would be a wrong score, not an error.
 */
public final class RubricLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> FORMULA_FIELDS = Set.of(
            "kind",
            "ratio",
            "step",
            "deductionPerStep",
            "floor",
            "overLimit",
            "min",
            "max",
            "task",
            "notApplicable",
            "assumption");

    public Rubric load(byte[] yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new InvalidRubricException(source, "(file)", "not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRubricException(source, "(file)", "must be a YAML mapping");
        }
        return new Reader(source).rubric(root);
    }

    /** Walks one file, keeping the source name for messages. */
    private static final class Reader {

        private final String source;
        private final Set<String> codes = new HashSet<>();

        Reader(String source) {
            this.source = source;
        }

        Rubric rubric(JsonNode root) {
            String id = text(root, "id", "id");
            if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
                throw bad("id", "must be lower-case letters, digits, '.', '_' or '-', was '" + id + "'");
            }
            int version = integer(root, "version", "version");
            LocalizedName name = name(root, "name", "name");
            BigDecimal maxPoints = decimal(root, "maxPoints", "maxPoints", true);
            TimeProgressCurve timeProgress = timeProgress(root);
            List<GradeBand> grades = grades(root);
            List<String> assumptions = new ArrayList<>();
            JsonNode assumptionNode = root.get("assumptions");
            if (assumptionNode != null) {
                if (!assumptionNode.isArray()) {
                    throw bad("assumptions", "must be a list of sentences");
                }
                assumptionNode.forEach(a -> assumptions.add(a.asText()));
            }
            JsonNode partsNode = list(root, "parts", "parts");
            List<RubricPart> parts = new ArrayList<>();
            for (int i = 0; i < partsNode.size(); i++) {
                parts.add(part(partsNode.get(i), "parts[" + i + "]"));
            }
            BigDecimal sum = parts.stream().map(RubricPart::max).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(maxPoints) != 0) {
                throw bad(
                        "maxPoints",
                        maxPoints.toPlainString() + " is not the sum of the parts' max (" + sum.toPlainString() + ")");
            }
            return new Rubric(id, version, name, maxPoints, timeProgress, grades, parts, assumptions, source);
        }

        /** The curve as budget-api reads it for the command side too: one reading of the file. */
        private TimeProgressCurve timeProgress(JsonNode root) {
            try {
                return RubricCodebook.timeProgress(root.get("timeProgress"), source);
            } catch (IllegalArgumentException e) {
                throw bad("timeProgress", e.getMessage().replaceFirst("^timeProgress: ", ""));
            }
        }

        private List<GradeBand> grades(JsonNode root) {
            JsonNode node = list(root, "grades", "grades");
            List<GradeBand> bands = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "grades[" + i + "]";
                bands.add(new GradeBand(
                        text(node.get(i), "grade", path + ".grade"), decimal(node.get(i), "min", path + ".min", true)));
            }
            if (bands.stream().noneMatch(b -> b.min().signum() <= 0)) {
                throw bad("grades", "need a band starting at 0 so every total gets a grade");
            }
            return bands;
        }

        private RubricPart part(JsonNode node, String path) {
            String code = code(node, path);
            LocalizedName name = name(node, "name", path + ".name");
            BigDecimal max = decimal(node, "max", path + ".max", true);
            List<RubricIndicator> indicators = indicators(node, path);
            checkSum(max, indicators, path);
            return new RubricPart(code, name, max, indicators);
        }

        private List<RubricIndicator> indicators(JsonNode node, String path) {
            JsonNode list = list(node, "indicators", path + ".indicators");
            List<RubricIndicator> indicators = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                indicators.add(indicator(list.get(i), path + ".indicators[" + i + "]"));
            }
            return indicators;
        }

        private RubricIndicator indicator(JsonNode node, String path) {
            String code = code(node, path);
            LocalizedName name = name(node, "name", path + ".name");
            BigDecimal max = decimal(node, "max", path + ".max", true);
            if (node.has("indicators")) {
                if (node.has("formula")) {
                    throw bad(
                            path + ".formula",
                            "a group of indicators has no formula of its own (its points are the sum)");
                }
                List<RubricIndicator> children = indicators(node, path);
                checkSum(max, children, path);
                return new RubricIndicator(code, name, max, FormulaSpec.of(FormulaKind.SUM), children);
            }
            JsonNode formula = node.get("formula");
            if (formula == null || !formula.isObject()) {
                throw bad(path + ".formula", "missing (a leaf indicator needs a formula)");
            }
            return new RubricIndicator(code, name, max, formula(formula, path + ".formula", code, max), List.of());
        }

        private FormulaSpec formula(JsonNode node, String path, String code, BigDecimal indicatorMax) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!FORMULA_FIELDS.contains(field)) {
                    throw bad(
                            path + "." + field,
                            "unknown field (known: "
                                    + String.join(
                                            ", ",
                                            FORMULA_FIELDS.stream().sorted().toList()) + ")");
                }
            }
            FormulaKind kind = enumValue(node, "kind", path + ".kind", FormulaKind.class, true);
            if (kind == FormulaKind.SUM) {
                throw bad(path + ".kind", "SUM is only for groups: give the group 'indicators'");
            }
            Ratio ratio = enumValue(node, "ratio", path + ".ratio", Ratio.class, false);
            BigDecimal step = decimal(node, "step", path + ".step", false);
            BigDecimal perStep = decimal(node, "deductionPerStep", path + ".deductionPerStep", false);
            BigDecimal floor = decimal(node, "floor", path + ".floor", false);
            BigDecimal min = decimal(node, "min", path + ".min", false);
            BigDecimal max = decimal(node, "max", path + ".max", false);
            OverLimitRule overLimit =
                    node.has("overLimit") ? overLimit(node.get("overLimit"), path + ".overLimit") : null;
            NotApplicableRule notApplicable =
                    enumValue(node, "notApplicable", path + ".notApplicable", NotApplicableRule.class, false);
            String task = node.has("task") ? node.get("task").asText() : null;
            String assumption = node.has("assumption") ? node.get("assumption").asText() : null;
            switch (kind) {
                case RATE_TIMES_MAX -> require(ratio, path + ".ratio", kind);
                case STEP_DEDUCTION -> {
                    require(ratio, path + ".ratio", kind);
                    positive(step, path + ".step", kind);
                    positive(perStep, path + ".deductionPerStep", kind);
                }
                case CONTROL_RATE -> {
                    require(ratio, path + ".ratio", kind);
                    require(overLimit, path + ".overLimit", kind);
                }
                case PROCUREMENT -> require(overLimit, path + ".overLimit", kind);
                case BONUS_PENALTY -> {
                    require(min, path + ".min", kind);
                    require(max, path + ".max", kind);
                    if (min.compareTo(max) > 0) {
                        throw bad(path + ".min", "must not exceed max");
                    }
                    if (max.compareTo(indicatorMax) != 0) {
                        throw bad(path + ".max", "must equal the indicator's max " + indicatorMax.toPlainString());
                    }
                }
                default -> {
                    // the other kinds need nothing beyond the indicator's max
                }
            }
            if (floor != null && floor.compareTo(indicatorMax) > 0) {
                throw bad(path + ".floor", "must not exceed the indicator's max");
            }
            return new FormulaSpec(
                    kind,
                    ratio,
                    step,
                    perStep,
                    floor,
                    overLimit,
                    min,
                    max,
                    kind == FormulaKind.TASK_KPIS && task == null ? code : task,
                    notApplicable,
                    assumption);
        }

        private OverLimitRule overLimit(JsonNode node, String path) {
            if (!node.isObject()) {
                throw bad(path, "must be a mapping with mode (STEP_DEDUCTION, ZERO, NONE) and assumption");
            }
            OverLimitRule.Mode mode = enumValue(node, "mode", path + ".mode", OverLimitRule.Mode.class, true);
            BigDecimal step = decimal(node, "step", path + ".step", false);
            BigDecimal perStep = decimal(node, "deductionPerStep", path + ".deductionPerStep", false);
            if (mode == OverLimitRule.Mode.STEP_DEDUCTION) {
                positive(step, path + ".step", FormulaKind.CONTROL_RATE);
                positive(perStep, path + ".deductionPerStep", FormulaKind.CONTROL_RATE);
            }
            String assumption = text(node, "assumption", path + ".assumption");
            return new OverLimitRule(mode, step, perStep, assumption);
        }

        private void checkSum(BigDecimal max, List<RubricIndicator> children, String path) {
            if (children.isEmpty()) {
                throw bad(path + ".indicators", "must not be empty");
            }
            BigDecimal sum = children.stream().map(RubricIndicator::max).reduce(BigDecimal.ZERO, BigDecimal::add);
            if (sum.compareTo(max) != 0) {
                throw bad(
                        path + ".max",
                        max.toPlainString() + " is not the sum of its indicators' max (" + sum.toPlainString() + ")");
            }
        }

        private String code(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw bad(path, "must be a mapping");
            }
            String code = text(node, "code", path + ".code");
            if (!codes.add(code)) {
                throw bad(path + ".code", "duplicate code " + code);
            }
            return code;
        }

        private LocalizedName name(JsonNode node, String field, String path) {
            JsonNode name = node.get(field);
            if (name == null || !name.isObject()) {
                throw bad(path, "missing (give zh and en)");
            }
            return new LocalizedName(text(name, "zh", path + ".zh"), text(name, "en", path + ".en"));
        }

        private JsonNode list(JsonNode node, String field, String path) {
            JsonNode list = node.get(field);
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw bad(path, "missing or not a non-empty list");
            }
            return list;
        }

        private String text(JsonNode node, String field, String path) {
            JsonNode value = node.get(field);
            if (value == null || !value.isValueNode() || value.asText().isBlank()) {
                throw bad(path, "missing");
            }
            return value.asText().trim();
        }

        private int integer(JsonNode node, String field, String path) {
            JsonNode value = node.get(field);
            if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
                throw bad(path, "missing or not a positive whole number");
            }
            return value.asInt();
        }

        private BigDecimal decimal(JsonNode node, String field, String path, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw bad(path, "missing");
                }
                return null;
            }
            BigDecimal decimal = asDecimal(value, path);
            if (required && decimal.signum() < 0) {
                throw bad(path, "must not be negative");
            }
            return decimal;
        }

        private BigDecimal asDecimal(JsonNode value, String path) {
            try {
                // text, not the YAML float: 0.05 must stay exactly 0.05
                return new BigDecimal(value.asText().trim());
            } catch (NumberFormatException | NullPointerException e) {
                throw bad(path, "'" + value.asText() + "' is not a number");
            }
        }

        private <E extends Enum<E>> E enumValue(
                JsonNode node, String field, String path, Class<E> type, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw bad(path, "missing (one of " + names(type) + ")");
                }
                return null;
            }
            try {
                return Enum.valueOf(type, value.asText().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad(path, "'" + value.asText() + "' is not one of " + names(type));
            }
        }

        private void require(Object value, String path, FormulaKind kind) {
            if (value == null) {
                throw bad(path, "missing (required for " + kind + ")");
            }
        }

        private void positive(BigDecimal value, String path, FormulaKind kind) {
            require(value, path, kind);
            if (value.signum() <= 0) {
                throw bad(path, "must be greater than 0");
            }
        }

        private static <E extends Enum<E>> String names(Class<E> type) {
            return String.join(
                    ", ",
                    java.util.Arrays.stream(type.getEnumConstants())
                            .map(Enum::name)
                            .toList());
        }

        private InvalidRubricException bad(String field, String problem) {
            return new InvalidRubricException(source, field, problem);
        }
    }
}
