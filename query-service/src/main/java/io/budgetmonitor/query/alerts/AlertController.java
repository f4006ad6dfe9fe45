package io.budgetmonitor.query.alerts;

import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import io.budgetmonitor.query.web.NotFoundException;
import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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

/**
 * 预警: current alerts, alerts as of a past date, one alert with its transitions, acknowledgement.
 * Every answer is within the caller's departments ({@link AlertFilter}).
 */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertController {
    private final AlertRepository repository;
    private final AlertService service;

    public AlertController(AlertRepository repository, AlertService service) {
        this.repository = repository;
        this.service = service;
    }

    @Operation(
            summary = "Current alerts of the caller's departments; with asOf, the state of every alert at the end "
                    + "of that day (UTC), as its last transition by then recorded it")
    @GetMapping
    public List<?> alerts(
            @Parameter(hidden = true) Caller caller,
            @RequestParam(required = false) List<String> department,
            @RequestParam(required = false) AlertStatus status,
            @RequestParam(required = false) Severity severity,
            @RequestParam(required = false) Severity minSeverity,
            @RequestParam(required = false) Rule rule,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        AlertFilter filter = AlertFilter.seenBy(caller, department, severity, minSeverity, rule);
        if (asOf == null) {
            return repository.search(filter, status, year);
        }
        return repository
                .stateAt(
                        asOf.plusDays(1)
                                .atStartOfDay()
                                .toInstant(ZoneOffset.UTC)
                                .minusNanos(1000),
                        filter)
                .stream()
                .filter(t -> status == null || t.status() == status)
                .filter(t -> year == null || t.fiscalYear() == year)
                .toList();
    }

    @Operation(
            summary = "What to act on today (待处理预警): active alerts of years not closed, grouped per "
                    + "department-year and rule, the worst group first and in each group the worst subject first")
    @GetMapping("/groups")
    public List<AlertGroup> groups(
            @Parameter(hidden = true) Caller caller,
            @RequestParam(required = false) List<String> department,
            @RequestParam(required = false) Severity minSeverity,
            @RequestParam(required = false) Rule rule,
            @RequestParam(required = false) Integer year) {
        return AlertGroup.of(
                repository.actionable(AlertFilter.seenBy(caller, department, null, minSeverity, rule), year));
    }

    /** An alert and every transition it went through. */
    public record AlertDetail(Alert alert, List<AlertTransition> transitions) {}

    @Operation(summary = "One alert with its full transition history (404 outside the caller's departments)")
    @GetMapping("/{id}")
    public AlertDetail alert(@Parameter(hidden = true) Caller caller, @PathVariable long id) {
        Alert alert = repository
                .find(id, AlertFilter.seenBy(caller))
                .orElseThrow(() -> new NotFoundException("no alert " + id));
        return new AlertDetail(alert, repository.transitionsOf(id));
    }

    /** Why the alert is acknowledged; who acknowledges is the authenticated caller, never a body field. */
    public record Acknowledgement(String comment) {}

    @Operation(summary = "Acknowledge an alert as the authenticated caller, with an optional comment")
    @PostMapping("/{id}/acknowledgement")
    public Alert acknowledge(
            @Parameter(hidden = true) Caller caller,
            @PathVariable long id,
            @RequestBody(required = false) Acknowledgement body) {
        return service.acknowledge(id, caller, body == null ? null : body.comment());
    }
}
