package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.scoring.rubric.RubricRef;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * 快照对比: per indicator, points and value before and after, and why: the inputs that changed, the
 * deductions recorded since, or a rule that differs between the two rubric versions.
 */
public record SnapshotDiff(
        String before,
        String after,
        RubricRef rubricBefore,
        RubricRef rubricAfter,
        long positionBefore,
        long positionAfter,
        BigDecimal totalBefore,
        BigDecimal totalAfter,
        String gradeBefore,
        String gradeAfter,
        List<IndicatorChange> indicators) {

    /** One indicator that differs. */
    public record IndicatorChange(
            String code,
            String name,
            BigDecimal pointsBefore,
            BigDecimal pointsAfter,
            String valueBefore,
            String valueAfter,
            Map<String, Change> inputs,
            List<String> why) {}

    /** An input value before and after. */
    public record Change(String before, String after) {}

    public static SnapshotDiff between(EvaluationSnapshot a, EvaluationSnapshot b) {
        Set<String> codes = new LinkedHashSet<>();
        a.indicators().forEach(i -> codes.add(i.code()));
        b.indicators().forEach(i -> codes.add(i.code()));
        List<IndicatorChange> changes = new ArrayList<>();
        for (String code : codes) {
            IndicatorScore x = a.indicator(code).orElse(null);
            IndicatorScore y = b.indicator(code).orElse(null);
            IndicatorChange change = compare(code, x, y);
            if (change != null) {
                changes.add(change);
            }
        }
        return new SnapshotDiff(
                a.id().toString(),
                b.id().toString(),
                a.rubric(),
                b.rubric(),
                a.position(),
                b.position(),
                a.total(),
                b.total(),
                a.grade(),
                b.grade(),
                changes);
    }

    private static IndicatorChange compare(String code, IndicatorScore x, IndicatorScore y) {
        List<String> why = new ArrayList<>();
        if (x == null || y == null) {
            why.add(x == null ? "indicator only in the later rubric" : "indicator not in the later rubric");
            IndicatorScore s = x == null ? y : x;
            return new IndicatorChange(
                    code,
                    s.name(),
                    x == null ? null : x.points(),
                    y == null ? null : y.points(),
                    x == null ? null : x.value(),
                    y == null ? null : y.value(),
                    Map.of(),
                    why);
        }
        Map<String, Change> inputs = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>(x.inputs().keySet());
        keys.addAll(y.inputs().keySet());
        for (String key : keys) {
            String before = x.inputs().get(key);
            String after = y.inputs().get(key);
            if (!sameNumberOrText(before, after)) {
                inputs.put(key, new Change(before, after));
            }
        }
        if (!inputs.isEmpty()) {
            why.add("inputs changed: " + String.join(", ", inputs.keySet()));
        }
        if (x.max().compareTo(y.max()) != 0) {
            why.add("max changed from " + x.max().toPlainString() + " to "
                    + y.max().toPlainString());
        }
        if (!Objects.equals(x.formula(), y.formula())) {
            why.add("rule changed: '" + x.formula() + "' → '" + y.formula() + "'");
        }
        if (x.deductions().size() != y.deductions().size()) {
            why.add("recorded deductions: " + x.deductions().size() + " → "
                    + y.deductions().size());
        }
        boolean pointsDiffer = x.points().compareTo(y.points()) != 0;
        if (!pointsDiffer && Objects.equals(x.value(), y.value()) && why.isEmpty()) {
            return null;
        }
        return new IndicatorChange(code, y.name(), x.points(), y.points(), x.value(), y.value(), inputs, why);
    }

    private static boolean sameNumberOrText(String a, String b) {
        if (Objects.equals(a, b)) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
