package io.budgetmonitor.query.monitoring;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.alerts.AlertTransition;
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

    @Operation(summary = "Re-evaluate the rules at a given date (one department-year, or all); returns the transitions")
    @PostMapping("/api/v1/admin/evaluations")
    public List<AlertTransition> evaluate(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                                          @RequestParam(required = false) String department,
                                          @RequestParam(required = false) Integer year) {
        replica.requireConsuming("Evaluating the monitoring rules");
        if (department != null && year != null) {
            return monitoring.evaluate(new FiscalYearId(department, year), date);
        }
        return monitoring.evaluateAll(date);
    }
}
