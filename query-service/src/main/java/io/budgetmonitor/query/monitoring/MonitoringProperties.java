package io.budgetmonitor.query.monitoring;

import java.math.BigDecimal;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code budget.monitoring.*}: default thresholds, per-department overrides
 * ({@code budget.monitoring.departments.BY-SJ.behind-warning-points=5}), the re-evaluation schedule and
 * how far behind the log the consumer may be before live evaluation waits for it to catch up, and the
 * month-day of the year by which every KPI must have progress reported ({@code kpi-report-due}, default
 * {@code 07-15}: 年中绩效运行监控 per 财预〔2019〕136号). The locality's zone ({@code budget.monitoring.zone})
 * is read by ClockConfiguration.
 */
@ConfigurationProperties("budget.monitoring")
public record MonitoringProperties(
        BigDecimal behindWarningPoints,
        BigDecimal behindCriticalPoints,
        BigDecimal nearlyExhaustedRatio,
        BigDecimal controlRateLimit,
        BigDecimal kpiBehindPoints,
        BigDecimal kpiTooLooseRatio,
        BigDecimal reclaimRiskRatio,
        BigDecimal scoreDrop,
        Long liveEvaluationMaxLag,
        Map<String, Thresholds> departments,
        String kpiReportDue) {
    /** Mid-year: departments report 绩效运行监控 in July on the first half-year. */
    static final MonthDay DEFAULT_KPI_REPORT_DUE = MonthDay.of(7, 15);

    public Thresholds thresholdsFor(String department) {
        Thresholds configured = Thresholds.defaults()
                .overriddenBy(new Thresholds(
                        behindWarningPoints,
                        behindCriticalPoints,
                        nearlyExhaustedRatio,
                        controlRateLimit,
                        kpiBehindPoints,
                        kpiTooLooseRatio,
                        reclaimRiskRatio,
                        scoreDrop));
        return departments == null ? configured : configured.overriddenBy(departments.get(department));
    }

    public long maxLag() {
        return liveEvaluationMaxLag == null ? 2000 : liveEvaluationMaxLag;
    }

    /** {@code kpi-report-due} as written in configuration, {@code MM-dd} (a month-day, the year is the fiscal year's). */
    public MonthDay kpiReportDueDay() {
        return kpiReportDue == null || kpiReportDue.isBlank()
                ? DEFAULT_KPI_REPORT_DUE
                : MonthDay.parse(kpiReportDue.trim(), DateTimeFormatter.ofPattern("MM-dd"));
    }
}
