package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.KpiDirection;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Whether a 绩效指标 is on track on a day. Completion is computed as scoring-service's KpiScoring does,
 * so the dashboard and the evaluation agree. On track: a higher-is-better KPI whose completion has kept
 * up with 序时进度 (15 of 20 trainings by 30 June is ahead; 8 is behind); a lower-is-better KPI at or below
 * its target (above it, it is behind whatever the date); a qualitative KPI reported met. One judgement
 * shared by the KPI endpoint and the monitoring rules (KPI_AT_RISK), so an alert never contradicts the
 * dashboard.
 */
public final class KpiJudgement {
    public enum Status {
        ON_TRACK,
        BEHIND,
        NOT_REPORTED
    }

    private KpiJudgement() {}

    public static BigDecimal completion(KpiFigures kpi) {
        if (kpi.direction() == KpiDirection.QUALITATIVE || kpi.target() == null) {
            return kpi.met() == null ? null : (kpi.met() ? BigDecimal.ONE : BigDecimal.ZERO).setScale(4);
        }
        BigDecimal actual = kpi.actual();
        BigDecimal target = kpi.target();
        if (actual == null) {
            return null;
        }
        if (kpi.direction() == KpiDirection.HIGHER_IS_BETTER) {
            if (target.signum() <= 0) {
                return (actual.compareTo(target) >= 0 ? BigDecimal.ONE : BigDecimal.ZERO).setScale(4);
            }
            return actual.divide(target, 4, RoundingMode.HALF_UP);
        }
        if (actual.compareTo(target) <= 0) {
            return actual.signum() <= 0
                    ? BigDecimal.ONE.setScale(4)
                    : target.divide(actual, 4, RoundingMode.HALF_UP).max(BigDecimal.ONE.setScale(4));
        }
        return target.signum() <= 0 ? BigDecimal.ZERO.setScale(4) : target.divide(actual, 4, RoundingMode.HALF_UP);
    }

    public static Status status(KpiFigures kpi, BigDecimal timeProgress) {
        BigDecimal completion = completion(kpi);
        if (completion == null) {
            return Status.NOT_REPORTED;
        }
        if (kpi.direction() == KpiDirection.HIGHER_IS_BETTER && kpi.target() != null) {
            return completion.compareTo(timeProgress) >= 0 ? Status.ON_TRACK : Status.BEHIND;
        }
        // lower-is-better and qualitative: the target holds all year, so only meeting it now is on track
        return completion.compareTo(BigDecimal.ONE) >= 0 ? Status.ON_TRACK : Status.BEHIND;
    }
}
