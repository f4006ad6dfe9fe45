package io.budgetmonitor.api.rubric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.budgetmonitor.api.values.TimeProgressCurve;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * 指标编码表: what a fiscal year opened under a rubric may record, read from the rubric file itself
 * (the same YAML the scoring side scores with, shipped in this module under {@code rubrics/}), so the
 * command side and the scoring side cannot disagree about a rubric's codes.
 *
 * @param rubric       the rubric id
 * @param version      its version
 * @param tasks        work-task codes KPIs are declared under (the TASK_KPIS indicators, 履职任务/产出效益类别)
 * @param qualitative  qualitative indicator codes (定性指标) and their maximum, the most a deduction can take
 * @param bonusPenalty the bounds of 工作表现加减分, empty when the rubric has none
 * @param timeProgress the rubric's time-progress curve (序时进度)
 */
public record RubricCodebook(
        String rubric,
        int version,
        Set<String> tasks,
        Map<String, BigDecimal> qualitative,
        Optional<Bounds> bonusPenalty,
        TimeProgressCurve timeProgress) {

    /** The lowest and highest bonus/penalty points; a single record must also lie within them. */
    public record Bounds(BigDecimal min, BigDecimal max) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public RubricCodebook {
        tasks = Set.copyOf(new LinkedHashSet<>(tasks));
        qualitative = Map.copyOf(qualitative);
    }

    /** The task codes in rubric order, for messages. */
    public List<String> sortedTasks() {
        return tasks.stream().sorted().toList();
    }

    public List<String> sortedQualitative() {
        return qualitative.keySet().stream().sorted(RubricCodebook::byCode).toList();
    }

    /**
     * Reads the codebook of a rubric file. Only what the codebook needs is read here; the scoring side
     * checks the whole file (sums, formulas) with the field named when anything is wrong.
     *
     * @throws IllegalArgumentException when the file is not a rubric
     */
    public static RubricCodebook read(byte[] yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null
                || !root.isObject()
                || !root.hasNonNull("id")
                || !root.path("version").canConvertToInt()) {
            throw new IllegalArgumentException(source + ": not a rubric (id and version missing)");
        }
        Set<String> tasks = new LinkedHashSet<>();
        Map<String, BigDecimal> qualitative = new LinkedHashMap<>();
        List<Bounds> bounds = new ArrayList<>();
        for (JsonNode part : root.path("parts")) {
            collect(part.path("indicators"), tasks, qualitative, bounds);
        }
        return new RubricCodebook(
                root.get("id").asText().strip(),
                root.get("version").asInt(),
                tasks,
                qualitative,
                bounds.stream().findFirst(),
                timeProgress(root.get("timeProgress"), source));
    }

    /**
     * The {@code timeProgress} entry of a rubric file: either the four quarter targets as a list (the
     * original form), or a mapping {@code {curve: STRAIGHT_LINE | QUARTER_TARGETS | MONTHLY_TARGETS,
     * targets: [...]}}. Missing: the straight line.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static TimeProgressCurve timeProgress(JsonNode node, String source) {
        if (node == null || node.isNull()) {
            return TimeProgressCurve.STRAIGHT_LINE;
        }
        try {
            if (node.isArray()) {
                return TimeProgressCurve.quarterTargets(decimals(node));
            }
            if (node.isObject() && node.hasNonNull("curve")) {
                TimeProgressCurve.Shape shape = TimeProgressCurve.Shape.valueOf(node.get("curve")
                        .asText()
                        .strip()
                        .toUpperCase(Locale.ROOT)
                        .replace('-', '_'));
                return new TimeProgressCurve(shape, decimals(node.path("targets")));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "timeProgress: " + (e.getMessage() == null ? "invalid" : e.getMessage()), e);
        }
        throw new IllegalArgumentException(
                "timeProgress: give the four quarter targets as a list, or {curve: STRAIGHT_LINE | QUARTER_TARGETS | MONTHLY_TARGETS, targets: [...]}");
    }

    private static List<BigDecimal> decimals(JsonNode list) {
        List<BigDecimal> values = new ArrayList<>();
        for (JsonNode value : list) {
            try {
                // the text, not the YAML float: 0.45 stays exactly 0.45
                values.add(new BigDecimal(value.asText().strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + value.asText() + "' is not a number");
            }
        }
        return values;
    }

    private static void collect(
            JsonNode indicators, Set<String> tasks, Map<String, BigDecimal> qualitative, List<Bounds> bounds) {
        for (JsonNode indicator : indicators) {
            if (indicator.has("indicators")) {
                collect(indicator.get("indicators"), tasks, qualitative, bounds);
                continue;
            }
            String code = indicator.path("code").asText().strip();
            JsonNode formula = indicator.path("formula");
            switch (formula.path("kind").asText().strip().toUpperCase(Locale.ROOT)) {
                case "TASK_KPIS" ->
                    tasks.add(
                            formula.hasNonNull("task")
                                    ? formula.get("task").asText().strip()
                                    : code);
                case "QUALITATIVE" -> qualitative.put(code, decimal(indicator.path("max")));
                case "BONUS_PENALTY" ->
                    bounds.add(new Bounds(decimal(formula.path("min")), decimal(formula.path("max"))));
                default -> {
                    // computed from the ledger and reports: nothing a user records by code
                }
            }
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        return new BigDecimal(node.asText().strip());
    }

    /** A1.2 before A1.10: numeric parts compare as numbers. */
    private static int byCode(String a, String b) {
        String[] x = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        String[] y = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].chars().allMatch(Character::isDigit) && y[i].chars().allMatch(Character::isDigit)
                    ? new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]))
                    : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
