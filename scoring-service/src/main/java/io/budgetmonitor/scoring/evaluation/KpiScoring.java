package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.scoring.inputs.KpiInputs;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * KPI points (RUBRIC.md part B): max × min(actual ÷ target, 1) for higher-is-better, the inverse for
 * lower-is-better, met-or-not for qualitative; a KPI is met when its completion reaches 100%.
 * A KPI never reported scores 0 and is not met: nothing shows it was achieved.
 */
public final class KpiScoring {

    private KpiScoring() {}

    public static KpiScore score(KpiInputs kpi) {
        BigDecimal completion = completion(kpi);
        boolean reported = kpi.direction() == KpiDirection.QUALITATIVE ? kpi.met() != null : kpi.actual() != null;
        BigDecimal max = kpi.points() == null ? BigDecimal.ZERO : kpi.points();
        BigDecimal points = completion == null ? Scores.points(BigDecimal.ZERO) : Scores.capped(max, completion);
        boolean met = completion != null && completion.compareTo(BigDecimal.ONE) >= 0;
        return new KpiScore(
                kpi.kpi(),
                kpi.task(),
                kpi.name(),
                kpi.direction().name(),
                Scores.plain(kpi.target()),
                kpi.targetDescription(),
                kpi.unit(),
                Scores.plain(kpi.actual()),
                completion == null ? null : Scores.ratio(completion),
                met,
                reported,
                Scores.points(max),
                points);
    }

    /** actual ÷ target (uncapped, 4 decimals), inverse for lower-is-better; null when not reported. */
    static BigDecimal completion(KpiInputs kpi) {
        if (kpi.direction() == KpiDirection.QUALITATIVE) {
            return kpi.met() == null
                    ? null
                    : (kpi.met() ? BigDecimal.ONE : BigDecimal.ZERO).setScale(Scores.RATE_SCALE);
        }
        BigDecimal actual = kpi.actual();
        BigDecimal target = kpi.target();
        if (actual == null) {
            return null;
        }
        if (target == null) {
            // a quantitative KPI without a number cannot be judged; treat as judged by the met flag if given
            return kpi.met() == null
                    ? null
                    : (kpi.met() ? BigDecimal.ONE : BigDecimal.ZERO).setScale(Scores.RATE_SCALE);
        }
        if (kpi.direction() == KpiDirection.HIGHER_IS_BETTER) {
            if (target.signum() <= 0) {
                // a target of 0 is reached by any non-negative actual: no division by zero
                return (actual.compareTo(target) >= 0 ? BigDecimal.ONE : BigDecimal.ZERO).setScale(Scores.RATE_SCALE);
            }
            return actual.divide(target, Scores.RATE_SCALE, RoundingMode.HALF_UP);
        }
        // lower is better: at or below target is 100%; above it, target ÷ actual
        if (actual.compareTo(target) <= 0) {
            return actual.signum() <= 0
                    ? BigDecimal.ONE.setScale(Scores.RATE_SCALE)
                    : target.divide(actual, Scores.RATE_SCALE, RoundingMode.HALF_UP)
                            .max(BigDecimal.ONE.setScale(Scores.RATE_SCALE));
        }
        return target.signum() <= 0
                ? BigDecimal.ZERO.setScale(Scores.RATE_SCALE)
                : target.divide(actual, Scores.RATE_SCALE, RoundingMode.HALF_UP);
    }
}
