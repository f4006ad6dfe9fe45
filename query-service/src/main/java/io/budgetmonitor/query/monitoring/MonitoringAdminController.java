package io.budgetmonitor.query.monitoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.alerts.AlertTransition;
import io.budgetmonitor.query.alerts.ForeseenTransition;
import io.budgetmonitor.query.consumption.ConsumingReplica;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class MonitoringAdminController {
    private final MonitoringService monitoring;
    private final ConsumingReplica replica;

    public MonitoringAdminController(MonitoringService monitoring, ConsumingReplica replica) {
        this.monitoring = monitoring;
        this.replica = replica;
    }

    /**
     * The answer of a re-evaluation: today's writes the {@code transitions} it stored and published; any
     * other date is a {@code whatIf} and lists the {@code foreseen} transitions, of which none was kept.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evaluation(
            LocalDate date, boolean whatIf, List<AlertTransition> transitions, List<ForeseenTransition> foreseen) {}

    @Operation(
            summary = "Re-evaluate the monitoring rules (one department-year, or all). Without a date or with "
                    + "today's, alerts change and transitions are stored and published; at any other date it is a what-if "
                    + "that answers the transitions it would make and writes nothing")
    @PostMapping("/api/v1/admin/evaluations")
    public Evaluation evaluate(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) String department,
            @RequestParam(required = false) Integer year) {
        // a what-if writes nothing, but it reads the consumer's in-memory projection, which only the
        // consuming replica keeps current
        replica.requireConsuming("Evaluating the monitoring rules");
        FiscalYearId one = department != null && year != null ? new FiscalYearId(department, year) : null;
        if (!monitoring.isToday(date)) {
            return new Evaluation(
                    date, true, null, one != null ? monitoring.whatIf(one, date) : monitoring.whatIfAll(date));
        }
        return new Evaluation(date, false, one != null ? monitoring.evaluate(one) : monitoring.evaluateAll(), null);
    }
}
