package io.budgetmonitor.query.monitoring;

import java.math.BigDecimal;

/**
 * Rule thresholds (MONITORING.md defaults). Points are percentage points; ratios are fractions.
 */
public record Thresholds(
        BigDecimal behindWarningPoints,
        BigDecimal behindCriticalPoints,
        BigDecimal nearlyExhaustedRatio,
        BigDecimal controlRateLimit,
        BigDecimal kpiBehindPoints,
        BigDecimal kpiTooLooseRatio,
        BigDecimal reclaimRiskRatio,
        BigDecimal scoreDropPoints) {

    public static Thresholds defaults() {
        return new Thresholds(
                new BigDecimal("10"),
                new BigDecimal("20"),
                new BigDecimal("0.90"),
                new BigDecimal("1.00"),
                new BigDecimal("20"),
                new BigDecimal("2.00"),
                new BigDecimal("0.05"),
                BigDecimal.ONE);
    }

    /** These thresholds with every non-null field of {@code override} taking precedence. */
    public Thresholds overriddenBy(Thresholds override) {
        if (override == null) {
            return this;
        }
        return new Thresholds(
                pick(override.behindWarningPoints, behindWarningPoints),
                pick(override.behindCriticalPoints, behindCriticalPoints),
                pick(override.nearlyExhaustedRatio, nearlyExhaustedRatio),
                pick(override.controlRateLimit, controlRateLimit),
                pick(override.kpiBehindPoints, kpiBehindPoints),
                pick(override.kpiTooLooseRatio, kpiTooLooseRatio),
                pick(override.reclaimRiskRatio, reclaimRiskRatio),
                pick(override.scoreDropPoints, scoreDropPoints));
    }

    private static BigDecimal pick(BigDecimal preferred, BigDecimal fallback) {
        return preferred != null ? preferred : fallback;
    }
}
