package io.budgetmonitor.api.values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 序时进度曲线: the share of the year's budget a locality expects to be spent by a date. The one
 * implementation of time progress, for the scoring side (configured in the rubric file) and the query
 * side (configured by a property).
 *
 * <ul>
 *   <li>{@code STRAIGHT_LINE}: months elapsed ÷ 12 (a month counts in thirtieths, its last day as the
 *       whole month, so quarter ends land on 25/50/75/100%);
 *   <li>{@code QUARTER_TARGETS}: four cumulative targets at the quarter ends (e.g. 20/45/70/100%),
 *       a straight line between two quarter ends;
 *   <li>{@code MONTHLY_TARGETS}: twelve cumulative targets at the month ends, a straight line within
 *       a month.
 * </ul>
 *
 * Within a segment the curve is interpolated on the same month measure as the straight line, so a
 * quarter-target curve of 25/50/75/100% is the straight line. Values are exact to 10 decimals and
 * rounded only where they are shown.
 *
 * @param shape   which curve
 * @param targets the cumulative targets (empty for the straight line), each in (0, 1], never falling,
 *                the last one 1
 */
public record TimeProgressCurve(Shape shape, List<BigDecimal> targets) {

    public enum Shape {
        STRAIGHT_LINE(0),
        QUARTER_TARGETS(4),
        MONTHLY_TARGETS(12);

        private final int points;

        Shape(int points) {
            this.points = points;
        }

        /** How many targets the shape takes. */
        public int points() {
            return points;
        }
    }

    public static final TimeProgressCurve STRAIGHT_LINE = new TimeProgressCurve(Shape.STRAIGHT_LINE, List.of());

    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);
    private static final BigDecimal THIRTY = BigDecimal.valueOf(30);
    private static final int SCALE = 10;

    public TimeProgressCurve {
        if (shape == null) {
            throw new IllegalArgumentException("a time-progress curve needs a shape (" + shapes() + ")");
        }
        targets = targets == null ? List.of() : List.copyOf(targets);
        String problem = problem(shape, targets);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    public static TimeProgressCurve quarterTargets(List<BigDecimal> targets) {
        return new TimeProgressCurve(Shape.QUARTER_TARGETS, targets);
    }

    public static TimeProgressCurve monthlyTargets(List<BigDecimal> targets) {
        return new TimeProgressCurve(Shape.MONTHLY_TARGETS, targets);
    }

    /**
     * A curve written as a property: {@code straight-line}, {@code quarter-targets:0.2,0.45,0.7,1} or
     * {@code monthly-targets:} followed by twelve values. Throws {@link IllegalArgumentException} naming
     * what is wrong.
     */
    public static TimeProgressCurve parse(String text) {
        if (text == null || text.isBlank()) {
            return STRAIGHT_LINE;
        }
        String[] parts = text.strip().split(":", 2);
        Shape shape;
        try {
            shape = Shape.valueOf(parts[0].strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "time-progress curve '" + text + "': the shape must be one of " + shapes());
        }
        List<BigDecimal> targets = new ArrayList<>();
        if (parts.length > 1 && !parts[1].isBlank()) {
            for (String value : parts[1].split(",")) {
                try {
                    targets.add(new BigDecimal(value.strip()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "time-progress curve '" + text + "': '" + value.strip() + "' is not a number");
                }
            }
        }
        return new TimeProgressCurve(shape, targets);
    }

    /** What is wrong with these targets for this shape, or null. */
    public static String problem(Shape shape, List<BigDecimal> targets) {
        if (targets.size() != shape.points()) {
            return shape == Shape.STRAIGHT_LINE
                    ? "a straight line takes no targets, had " + targets.size()
                    : shape + " needs " + shape.points() + " cumulative targets, had " + targets.size();
        }
        BigDecimal previous = BigDecimal.ZERO;
        for (int i = 0; i < targets.size(); i++) {
            BigDecimal target = targets.get(i);
            if (target == null || target.signum() <= 0 || target.compareTo(BigDecimal.ONE) > 0) {
                return "target " + (i + 1) + " must be above 0 and at most 1, was " + target;
            }
            if (target.compareTo(previous) < 0) {
                return "targets are cumulative and must not fall: target " + (i + 1) + " (" + target.toPlainString()
                        + ") is below the one before (" + previous.toPlainString() + ")";
            }
            previous = target;
        }
        if (!targets.isEmpty() && previous.compareTo(BigDecimal.ONE) != 0) {
            return "the last target must be 1 (the whole year), was " + previous.toPlainString();
        }
        return null;
    }

    /** The expected cumulative share (0..1) on {@code date}; 0 before the year, 1 after it. */
    public BigDecimal ratio(LocalDate date, int fiscalYear) {
        BigDecimal months = monthsElapsed(date, fiscalYear);
        if (shape == Shape.STRAIGHT_LINE) {
            return months.divide(TWELVE, SCALE, RoundingMode.HALF_UP);
        }
        int n = targets.size();
        BigDecimal segment = BigDecimal.valueOf(12 / n);
        int k = months.divideToIntegralValue(segment).intValue();
        if (k >= n) {
            return targets.get(n - 1).setScale(SCALE, RoundingMode.HALF_UP);
        }
        BigDecimal from = k == 0 ? BigDecimal.ZERO : targets.get(k - 1);
        BigDecimal to = targets.get(k);
        BigDecimal into = months.subtract(segment.multiply(BigDecimal.valueOf(k)));
        return from.add(to.subtract(from).multiply(into).divide(segment, SCALE, RoundingMode.HALF_UP))
                .setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** The cumulative targets at the four quarter ends (季度序时目标), as the curve gives them. */
    public List<BigDecimal> quarterTargets() {
        return switch (shape) {
            case STRAIGHT_LINE ->
                List.of(new BigDecimal("0.25"), new BigDecimal("0.50"), new BigDecimal("0.75"), new BigDecimal("1.00"));
            case QUARTER_TARGETS -> targets;
            case MONTHLY_TARGETS -> List.of(targets.get(2), targets.get(5), targets.get(8), targets.get(11));
        };
    }

    /**
     * Months of {@code fiscalYear} elapsed on {@code date}: a month counts in thirtieths (15 May → 4.5)
     * and its last day as the whole month (31 March → 3, 28 February → 2); 0 before the year, 12 after.
     */
    public static BigDecimal monthsElapsed(LocalDate date, int fiscalYear) {
        if (date.getYear() < fiscalYear) {
            return BigDecimal.ZERO;
        }
        if (date.getYear() > fiscalYear) {
            return TWELVE;
        }
        BigDecimal full = BigDecimal.valueOf(date.getMonthValue() - 1L);
        BigDecimal part = date.getDayOfMonth() == date.lengthOfMonth()
                ? BigDecimal.ONE
                : BigDecimal.valueOf(Math.min(date.getDayOfMonth(), 30)).divide(THIRTY, SCALE, RoundingMode.HALF_UP);
        return full.add(part);
    }

    /** The date clamped into the fiscal year (an evaluation after year end looks at 31 December). */
    public static LocalDate clamp(LocalDate date, int fiscalYear) {
        LocalDate first = LocalDate.of(fiscalYear, 1, 1);
        LocalDate last = LocalDate.of(fiscalYear, 12, 31);
        return date.isBefore(first) ? first : date.isAfter(last) ? last : date;
    }

    /** As a property would spell it, e.g. {@code quarter-targets:0.20,0.45,0.70,1.00}. */
    @Override
    public String toString() {
        String name = shape.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return targets.isEmpty()
                ? name
                : name + ":"
                        + String.join(
                                ",",
                                targets.stream().map(BigDecimal::toPlainString).toList());
    }

    private static String shapes() {
        return "straight-line, quarter-targets, monthly-targets";
    }
}
