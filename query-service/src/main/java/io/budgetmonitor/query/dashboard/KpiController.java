package io.budgetmonitor.query.dashboard;

import io.budgetmonitor.api.events.PerformanceTargetAdjusted;
import io.budgetmonitor.api.events.PerformanceTargetSet;
import io.budgetmonitor.api.values.KpiExpectation;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.eventlog.EventLog;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ExecutionQueries;
import io.budgetmonitor.query.execution.KpiFigures;
import io.budgetmonitor.query.execution.KpiJudgement;
import io.budgetmonitor.query.execution.Rates;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** 绩效指标 progress of a department-year, with each target's adjustment history from the event-log copy. */
@RestController
public class KpiController {
    private final ExecutionQueries queries;
    private final EventLog eventLog;

    public KpiController(ExecutionQueries queries, EventLog eventLog) {
        this.queries = queries;
        this.eventLog = eventLog;
    }

    @Operation(
            summary = "Each KPI's target, latest reported progress, completion ratio, direction, whether it is on "
                    + "track against time progress, and the target's adjustment history")
    @GetMapping("/api/v1/departments/{department}/years/{year}/kpis")
    @Transactional(readOnly = true)
    public KpiProgress kpis(@PathVariable String department, @PathVariable int year) {
        DepartmentYearState state = queries.state(department, year, null, null);
        LocalDate asOf = queries.evaluationDate(null, year);
        BigDecimal exact = queries.timeProgress().ratio(asOf, year);
        BigDecimal progress = Rates.round(exact);
        Map<String, List<KpiProgress.TargetChange>> history = targetHistory(department, year);
        List<KpiProgress.Kpi> kpis = new ArrayList<>();
        for (KpiFigures k : state.kpis()) {
            BigDecimal completion = KpiJudgement.completion(k);
            KpiJudgement.Status status = KpiJudgement.status(k, progress);
            boolean cumulative = KpiExpectation.cumulative(k.direction(), k.unit());
            BigDecimal expected = KpiExpectation.yearEnd(k.direction(), k.unit(), k.actual(), exact);
            BigDecimal expectedCompletion = cumulative
                            && expected != null
                            && k.target() != null
                            && k.target().signum() > 0
                    ? expected.divide(k.target(), 4, RoundingMode.HALF_UP)
                    : completion;
            kpis.add(new KpiProgress.Kpi(
                    k.kpi(),
                    k.task(),
                    k.name(),
                    k.direction() == null ? null : k.direction().name(),
                    plain(k.target()),
                    k.targetDescription(),
                    k.unit(),
                    plain(k.points()),
                    plain(k.actual()),
                    k.met(),
                    k.reportedOn(),
                    Rates.text(completion),
                    status.name(),
                    status == KpiJudgement.Status.NOT_REPORTED ? null : status == KpiJudgement.Status.ON_TRACK,
                    cumulative,
                    plain(expected),
                    Rates.text(expectedCompletion),
                    history.getOrDefault(k.kpi(), List.of())));
        }
        return new KpiProgress(department, year, asOf, Rates.text(progress), kpis);
    }

    private Map<String, List<KpiProgress.TargetChange>> targetHistory(String department, int year) {
        Map<String, List<KpiProgress.TargetChange>> history = new HashMap<>();
        for (RecordedEvent recorded : eventLog.departmentYearOfTypes(
                department,
                year,
                List.of(PerformanceTargetSet.class.getSimpleName(), PerformanceTargetAdjusted.class.getSimpleName()))) {
            if (recorded.event() instanceof PerformanceTargetSet set) {
                history.computeIfAbsent(set.kpi(), k -> new ArrayList<>())
                        .add(new KpiProgress.TargetChange(
                                "SET",
                                set.occurredOn(),
                                plain(set.target()),
                                set.targetDescription(),
                                null,
                                recorded.recordedAt(),
                                recorded.recordedBy()));
            } else if (recorded.event() instanceof PerformanceTargetAdjusted adjusted) {
                history.computeIfAbsent(adjusted.kpi(), k -> new ArrayList<>())
                        .add(new KpiProgress.TargetChange(
                                "ADJUSTED",
                                adjusted.occurredOn(),
                                plain(adjusted.target()),
                                adjusted.targetDescription(),
                                adjusted.reason(),
                                recorded.recordedAt(),
                                recorded.recordedBy()));
            }
        }
        return history;
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }
}
