package io.budgetmonitor.query.monitoring;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code budget.monitoring.*}: default thresholds, per-department overrides
 * ({@code budget.monitoring.departments.BY-SJ.behind-warning-points=5}), the re-evaluation schedule and
 * how far behind the log the consumer may be before live evaluation waits for it to catch up.
 */
@ConfigurationProperties("budget.monitoring")
public record MonitoringProperties(BigDecimal behindWarningPoints, BigDecimal behindCriticalPoints,
                                   BigDecimal nearlyExhaustedRatio, BigDecimal controlRateLimit,
                                   BigDecimal kpiBehindPoints, BigDecimal kpiTooLooseRatio, BigDecimal reclaimRiskRatio,
                                   BigDecimal scoreDrop, Long liveEvaluationMaxLag,
                                   Map<String, Thresholds> departments) {

    public Thresholds thresholdsFor(String department) {
        Thresholds configured = Thresholds.defaults().overriddenBy(new Thresholds(behindWarningPoints,
                behindCriticalPoints, nearlyExhaustedRatio, controlRateLimit, kpiBehindPoints, kpiTooLooseRatio,
                reclaimRiskRatio, scoreDrop));
        return departments == null ? configured : configured.overriddenBy(departments.get(department));
    }

    public long maxLag() {
        return liveEvaluationMaxLag == null ? 2000 : liveEvaluationMaxLag;
    }
}
