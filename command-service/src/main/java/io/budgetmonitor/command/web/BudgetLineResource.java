package io.budgetmonitor.command.web;

import static io.budgetmonitor.command.input.CommandBinder.path;

import io.budgetmonitor.api.commands.AdjustBudget;
import io.budgetmonitor.api.commands.AllocateBudget;
import io.budgetmonitor.api.commands.CarryOverFunds;
import io.budgetmonitor.api.commands.ReclaimFunds;
import io.budgetmonitor.api.commands.TransferBudget;
import io.budgetmonitor.command.dispatch.RequestMetadata;
import io.budgetmonitor.command.input.CommandBinder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Budget lines (预算项目): allocation, adjustments, transfers and year-end settlement. */
@RestController
@RequestMapping(path = "/api/v1/departments/{department}/years/{year}", produces = "application/json")
@Tag(
        name = "budget lines",
        description =
                "a line's budget: allocation (预算下达), adjustment (追加/追减), transfer (调剂), reclaim (收回), carry-over (结转)")
@CommandResponses
public class BudgetLineResource {

    private final CommandBinder binder;
    private final CommandExecution execution;

    public BudgetLineResource(CommandBinder binder, CommandExecution execution) {
        this.binder = binder;
        this.execution = execution;
    }

    @Operation(summary = "Allocate a budget line with its initial budget (预算下达)")
    @PostMapping("/lines")
    public ResponseEntity<?> allocate(
            @PathVariable String department,
            @PathVariable int year,
            @RequestBody AllocateBudget body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(binder.bind(AllocateBudget.class, body, path(department, year)), metadata, key);
    }

    @Operation(summary = "Supplement (追加) or reduce (追减) a line's budget")
    @PostMapping("/lines/{line}/adjustments")
    public ResponseEntity<?> adjust(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable String line,
            @RequestBody AdjustBudget body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(
                binder.bind(AdjustBudget.class, body, path(department, year).with("line", line)), metadata, key);
    }

    @Operation(summary = "Transfer budget between two lines (调剂); both change atomically")
    @PostMapping("/transfers")
    public ResponseEntity<?> transfer(
            @PathVariable String department,
            @PathVariable int year,
            @RequestBody TransferBudget body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(binder.bind(TransferBudget.class, body, path(department, year)), metadata, key);
    }

    @Operation(summary = "Record the year-end reclaim of unspent funds (财政收回)")
    @PostMapping("/lines/{line}/reclaims")
    public ResponseEntity<?> reclaim(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable String line,
            @RequestBody ReclaimFunds body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(
                binder.bind(ReclaimFunds.class, body, path(department, year).with("line", line)), metadata, key);
    }

    @Operation(summary = "Record the carry-over of unspent funds to next year (结转)")
    @PostMapping("/lines/{line}/carry-overs")
    public ResponseEntity<?> carryOver(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable String line,
            @RequestBody CarryOverFunds body,
            @Parameter(hidden = true) RequestMetadata metadata,
            @RequestHeader(name = CommandExecution.IDEMPOTENCY_KEY, required = false) String key) {
        return execution.execute(
                binder.bind(CarryOverFunds.class, body, path(department, year).with("line", line)), metadata, key);
    }
}
