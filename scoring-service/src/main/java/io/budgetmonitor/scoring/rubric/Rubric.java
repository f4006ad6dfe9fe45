package io.budgetmonitor.scoring.rubric;

import io.budgetmonitor.api.values.TimeProgressCurve;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A versioned evaluation rubric (评价指标体系), loaded from a YAML file: the product's scoring rules as
 * data, so another district or year is a new file, not a code change.
 *
 * @param timeProgressCurve the rubric's time-progress curve (序时进度曲线): straight line, quarter or monthly
 *                          targets; its quarter-end values are the default quarter targets of a year
 * @param assumptions  locality rules the source document does not show, stated in words
 */
public record Rubric(
        String id,
        int version,
        LocalizedName name,
        BigDecimal maxPoints,
        TimeProgressCurve timeProgressCurve,
        List<GradeBand> grades,
        List<RubricPart> parts,
        List<String> assumptions,
        String source) {

    public Rubric {
        grades = grades.stream()
                .sorted(Comparator.comparing(GradeBand::min).reversed())
                .toList();
        parts = List.copyOf(parts);
        assumptions = assumptions == null ? List.of() : List.copyOf(assumptions);
    }

    /**
     * The cumulative time-progress targets at the four quarter ends (季度序时目标) that the rubric's curve
     * gives: what A1.5 divides by when the year did not state its own.
     */
    public List<BigDecimal> timeProgress() {
        return timeProgressCurve.quarterTargets();
    }

    /** 评价等级 of a total: the highest band whose minimum the total reaches. */
    public String gradeOf(BigDecimal total) {
        return grades.stream()
                .filter(band -> total.compareTo(band.min()) >= 0)
                .map(GradeBand::grade)
                .findFirst()
                .orElse(grades.get(grades.size() - 1).grade());
    }

    /** Every indicator, groups before their children, in rubric order. */
    public List<RubricIndicator> allIndicators() {
        List<RubricIndicator> all = new ArrayList<>();
        for (RubricPart part : parts) {
            part.indicators().forEach(indicator -> collect(indicator, all));
        }
        return all;
    }

    public Optional<RubricIndicator> indicator(String code) {
        return allIndicators().stream().filter(i -> i.code().equals(code)).findFirst();
    }

    public RubricRef ref() {
        return new RubricRef(id, version);
    }

    private static void collect(RubricIndicator indicator, List<RubricIndicator> into) {
        into.add(indicator);
        indicator.children().forEach(child -> collect(child, into));
    }
}
