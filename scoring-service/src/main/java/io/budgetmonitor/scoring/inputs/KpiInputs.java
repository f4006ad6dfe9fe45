package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.api.values.KpiDirection;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * 绩效指标: a KPI of a work task with its (latest) target and its latest reported actual.
 *
 * @param actual     latest reported cumulative actual; null if never reported
 * @param met        for a qualitative KPI, whether it is met; null if never reported
 * @param reportedOn date of the latest report
 */
public record KpiInputs(
        String kpi,
        String task,
        String name,
        KpiDirection direction,
        BigDecimal target,
        String targetDescription,
        String unit,
        BigDecimal points,
        BigDecimal actual,
        Boolean met,
        LocalDate reportedOn) {

    public KpiInputs withActual(BigDecimal newActual, Boolean newMet) {
        return new KpiInputs(
                kpi, task, name, direction, target, targetDescription, unit, points, newActual, newMet, reportedOn);
    }
}
