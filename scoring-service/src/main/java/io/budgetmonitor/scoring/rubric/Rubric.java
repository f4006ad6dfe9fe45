package io.budgetmonitor.scoring.rubric;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A versioned evaluation rubric (评价指标体系), loaded from a YAML file: the product's scoring rules as
 * data, so another district or year is a new file, not a code change.
 *
 * @param timeProgress default cumulative time-progress targets of the four quarters (序时进度),
 *                     used when the year did not state its own
 * @param assumptions  locality rules the source document does not show, stated in words
 */
public record Rubric(
        String id,
        int version,
        LocalizedName name,
        BigDecimal maxPoints,
        List<BigDecimal> timeProgress,
        List<GradeBand> grades,
        List<RubricPart> parts,
        List<String> assumptions,
        String source) {

    public Rubric {
        timeProgress = List.copyOf(timeProgress);
        grades = grades.stream()
                .sorted(Comparator.comparing(GradeBand::min).reversed())
                .toList();
        parts = List.copyOf(parts);
        assumptions = assumptions == null ? List.of() : List.copyOf(assumptions);
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
