package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.KpiDirection;
import java.math.BigDecimal;
import java.time.LocalDate;

/** A KPI (绩效指标) with its latest reported progress (绩效监控). Image of one {@code rm.kpi} row. */
public final class KpiFigures {
    final String kpi;
    String task;
    String name;
    KpiDirection direction;
    BigDecimal target;
    String targetDescription;
    String unit;
    BigDecimal points;
    LocalDate setOn;
    BigDecimal actual;
    Boolean met;
    LocalDate reportedOn;
    String reportEventId;
    /** Bit q-1 set when a progress report is dated in quarter q. */
    int reportedQuarters;

    KpiFigures(String kpi) {
        this.kpi = kpi;
    }

    public String kpi() {
        return kpi;
    }

    public String task() {
        return task;
    }

    public String name() {
        return name;
    }

    public KpiDirection direction() {
        return direction;
    }

    public BigDecimal target() {
        return target;
    }

    public String targetDescription() {
        return targetDescription;
    }

    public BigDecimal points() {
        return points;
    }

    public String unit() {
        return unit;
    }

    public LocalDate setOn() {
        return setOn;
    }

    public BigDecimal actual() {
        return actual;
    }

    public Boolean met() {
        return met;
    }

    public LocalDate reportedOn() {
        return reportedOn;
    }

    public String reportEventId() {
        return reportEventId;
    }

    public boolean reportedIn(int quarter) {
        return (reportedQuarters & (1 << (quarter - 1))) != 0;
    }
}
