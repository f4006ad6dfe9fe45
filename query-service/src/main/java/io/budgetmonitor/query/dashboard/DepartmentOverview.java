package io.budgetmonitor.query.dashboard;

import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.query.rules.Severity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One department in the district overview (部门列表): where its year stands against 序时进度, what is
 * wrong now, and its latest self-evaluation.
 *
 * @param years           every fiscal year the department has
 * @param fiscalYear      the year these figures are of: the one asked for, else the latest
 * @param executionRate   预算执行率, executed ÷ adjusted budget (null without a budget)
 * @param timeProgress    序时进度 on {@code asOf}
 * @param gap             executionRate − timeProgress (negative: behind schedule)
 * @param openAlerts      alerts not resolved, by severity (every severity present, 0 when none)
 * @param evaluationTotal latest evaluation snapshot announced by scoring-service, null when none
 * @param projectedTotal  预计得分: the latest projected year-end score scoring-service announced
 *                        (ProjectedScoreChanged on budget.evaluations.v1), null before any
 * @param projectedAsOf   the day that projection's run rate was measured on (it is re-announced only when a
 *                        batch of events changes its total or grade, not as days pass)
 */
public record DepartmentOverview(
        String department,
        String name,
        List<Integer> years,
        int fiscalYear,
        LocalDate asOf,
        Money budget,
        Money executed,
        Money available,
        String executionRate,
        String timeProgress,
        String gap,
        Map<Severity, Integer> openAlerts,
        UUID evaluationId,
        BigDecimal evaluationTotal,
        String evaluationGrade,
        Instant evaluatedAt,
        BigDecimal projectedTotal,
        String projectedGrade,
        LocalDate projectedAsOf) {}
