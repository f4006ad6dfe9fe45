package io.budgetmonitor.query.alerts;

import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** 预警推送: the alert stream a dashboard subscribes to. */
@RestController
public class AlertStreamController {
    private final AlertStreamDispatcher dispatcher;

    public AlertStreamController(AlertStreamDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Operation(
            summary = "Alert transitions of the caller's departments as Server-Sent Events (id = transition id); "
                    + "Last-Event-ID header or lastEventId parameter replays what was missed, in order, before live transitions. "
                    + "department may repeat or list several (department=A&department=B, department=A,B); minSeverity keeps that "
                    + "severity and higher; both are always within the caller's departments")
    @GetMapping(path = "/api/v1/alerts/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(
            @Parameter(hidden = true) Caller caller,
            @RequestParam(required = false) List<String> department,
            @RequestParam(required = false) Severity severity,
            @Parameter(description = "INFO, WARNING or CRITICAL: this severity and higher")
                    @RequestParam(required = false)
                    Severity minSeverity,
            @RequestParam(required = false) Rule rule,
            @RequestParam(required = false) Long lastEventId,
            @RequestHeader(value = "Last-Event-ID", required = false) Long lastEventIdHeader) {
        // the caller's departments are captured now: the subscription never widens, live or catching up
        return dispatcher.subscribe(
                AlertFilter.seenBy(caller, department, severity, minSeverity, rule),
                lastEventIdHeader != null ? lastEventIdHeader : lastEventId);
    }
}
