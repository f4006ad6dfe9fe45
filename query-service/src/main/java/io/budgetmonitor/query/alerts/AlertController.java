package io.budgetmonitor.query.alerts;

import io.budgetmonitor.query.monitoring.Rule;
import io.budgetmonitor.query.monitoring.Severity;
import io.budgetmonitor.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 预警: current alerts, alerts as of a past date, one alert with its transitions, acknowledgement. */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertController {
    private final AlertRepository repository;
    private final AlertService service;

    public AlertController(AlertRepository repository, AlertService service) {
        this.repository = repository;
        this.service = service;
    }

    @Operation(summary = "Current alerts; with asOf, the state of every alert at the end of that day (UTC), "
            + "as its last transition by then recorded it")
    @GetMapping
    public List<?> alerts(@RequestParam(required = false) String department,
                          @RequestParam(required = false) AlertStatus status,
                          @RequestParam(required = false) Severity severity,
                          @RequestParam(required = false) Rule rule,
                          @RequestParam(required = false) Integer year,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        if (asOf == null) {
            return repository.search(department, status, severity, rule, year);
        }
        return repository.stateAt(asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000), department)
                .stream()
                .filter(t -> status == null || t.status() == status)
                .filter(t -> severity == null || t.severity() == severity)
                .filter(t -> rule == null || t.rule() == rule)
                .filter(t -> year == null || t.fiscalYear() == year)
                .toList();
    }

    /** An alert and every transition it went through. */
    public record AlertDetail(Alert alert, List<AlertTransition> transitions) {
    }

    @Operation(summary = "One alert with its full transition history")
    @GetMapping("/{id}")
    public AlertDetail alert(@PathVariable long id) {
        Alert alert = repository.find(id).orElseThrow(() -> new NotFoundException("no alert " + id));
        return new AlertDetail(alert, repository.transitionsOf(id));
    }

    /** Who acknowledges, and why. */
    public record Acknowledgement(String who, String comment) {
    }

    @Operation(summary = "Acknowledge an alert (who, comment)")
    @PostMapping("/{id}/acknowledgement")
    public Alert acknowledge(@PathVariable long id, @RequestBody Acknowledgement body) {
        return service.acknowledge(id, body.who(), body.comment());
    }
}
