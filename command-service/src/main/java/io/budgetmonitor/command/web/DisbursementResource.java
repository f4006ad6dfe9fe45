package io.budgetmonitor.command.web;

import static io.budgetmonitor.command.input.CommandBinder.path;

import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.commands.ReverseDisbursement;
import io.budgetmonitor.api.values.BudgetLineId;
import io.budgetmonitor.command.budgetline.DisbursementOutcome;
import io.budgetmonitor.command.budgetline.DisbursementProblems;
import io.budgetmonitor.command.dispatch.CommandDispatcher;
import io.budgetmonitor.command.dispatch.CommandDispatcher.Dispatched;
import io.budgetmonitor.command.dispatch.RequestMetadata;
import io.budgetmonitor.command.eventstore.EventLog;
import io.budgetmonitor.command.input.CommandBinder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Payments (支出) out of a line. The voucher number is the idempotency key: sending the same payment
 * again returns 200 ALREADY_RECORDED and stores nothing; the same voucher with any field changed is a
 * 409 naming the differing fields. Availability control (额度控制) refuses a payment
 * beyond what the line has left: 409 with {@code available}, and the refusal is recorded as a
 * DisbursementRejected event.
 */
@RestController
@RequestMapping(
        path = "/api/v1/departments/{department}/years/{year}/lines/{line}/disbursements",
        produces = "application/json")
@Tag(name = "disbursements", description = "payments out of a line (支出) and their reversal (冲销)")
public class DisbursementResource {

    private final CommandBinder binder;
    private final CommandExecution execution;
    private final CommandDispatcher dispatcher;
    private final EventLog eventLog;

    public DisbursementResource(
            CommandBinder binder, CommandExecution execution, CommandDispatcher dispatcher, EventLog eventLog) {
        this.binder = binder;
        this.execution = execution;
        this.dispatcher = dispatcher;
        this.eventLog = eventLog;
    }

    @Operation(summary = "Record a disbursement (支出); the voucher makes it idempotent")
    @ApiResponse(
            responseCode = "201",
            description = "recorded",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = DisbursementResponse.class)))
    @ApiResponse(
            responseCode = "200",
            description = "this voucher was recorded before: nothing new stored",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = DisbursementResponse.class)))
    @ApiResponse(
            responseCode = "400",
            description = "invalid input; nothing stored",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "413",
            description = "request body over 64 KiB; nothing stored",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(
            responseCode = "409",
            description = "refused by availability control (the refusal is recorded; "
                    + "problem has available, amount, voucher, position) or the voucher was posted before with other fields "
                    + "(problem has differences, e.g. [\"occurredOn\"])",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping
    public ResponseEntity<?> record(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable String line,
            @RequestBody RecordDisbursement body,
            @Parameter(hidden = true) RequestMetadata metadata) {
        RecordDisbursement command = binder.bind(
                RecordDisbursement.class, body, path(department, year).with("line", line));
        Dispatched dispatched = dispatcher.dispatch(command, metadata);
        return respond(dispatched, metadata);
    }

    @Operation(summary = "Reverse (冲销) an earlier disbursement of the line")
    @CommandResponses
    @PostMapping("/{voucher}/reversal")
    public ResponseEntity<?> reverse(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable String line,
            @PathVariable String voucher,
            @RequestBody ReverseDisbursement body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(
                binder.bind(
                        ReverseDisbursement.class,
                        body,
                        path(department, year).with("line", line).with("voucher", voucher)),
                metadata,
                key);
    }

    private ResponseEntity<?> respond(Dispatched dispatched, RequestMetadata metadata) {
        RecordDisbursement command = (RecordDisbursement) dispatched.command();
        String aggregateId = command.targetAggregateId();
        if (dispatched.result() instanceof DisbursementOutcome.Rejected rejected) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(rejectedProblem(rejected, dispatched));
        }
        if (dispatched.result() instanceof DisbursementOutcome.AlreadyRecorded already) {
            String onLine = already.line() == null ? command.line() : already.line();
            long position = eventLog.positionOfAggregate(
                    new BudgetLineId(command.department(), command.fiscalYear(), onLine).toString());
            return ResponseEntity.ok(new DisbursementResponse(
                    DisbursementResponse.ALREADY_RECORDED,
                    already.voucher(),
                    already.amount(),
                    null,
                    onLine,
                    aggregateId,
                    dispatched.recorded(),
                    position,
                    metadata.recordedBy(),
                    metadata.onBehalfOf(),
                    metadata.correlationId()));
        }
        DisbursementOutcome.Recorded recorded =
                dispatched.result() instanceof DisbursementOutcome.Recorded r ? r : null;
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new DisbursementResponse(
                        DisbursementResponse.RECORDED,
                        command.voucher(),
                        command.amount(),
                        recorded == null ? null : recorded.available(),
                        command.line(),
                        aggregateId,
                        dispatched.recorded(),
                        dispatcher.positionAfter(dispatched),
                        metadata.recordedBy(),
                        metadata.onBehalfOf(),
                        metadata.correlationId()));
    }

    private ProblemDetail rejectedProblem(DisbursementOutcome.Rejected rejected, Dispatched dispatched) {
        ProblemDetail problem =
                Problems.of(409, DisbursementProblems.REJECTED_TITLE, DisbursementProblems.detail(rejected));
        problem.setProperty("voucher", rejected.voucher());
        problem.setProperty("amount", rejected.amount());
        problem.setProperty("available", rejected.available());
        problem.setProperty("recorded", dispatched.recorded());
        problem.setProperty("position", dispatcher.positionAfter(dispatched));
        return problem;
    }
}
