package io.budgetmonitor.command.audit;

import io.budgetmonitor.command.input.FieldError;
import io.budgetmonitor.command.input.InvalidInputException;
import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 审计核验: the auditor's view of the event store's hash chains. Reads only; AUDITOR and ADMIN
 * ({@code AccessRules}). The department is a query parameter here, not a path variable, so the scope
 * is checked in this class: a department outside the caller's scope answers 404 like any other
 * route's, and a caller scoped to some departments must name one (400 without it): the whole log
 * is for a caller who sees every department (docs/decisions.md).
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = "application/json")
@Tag(
        name = "audit",
        description = "tamper evidence: verify the per-aggregate hash chains, take a department-year's chain head")
public class AuditResource {

    private final EventChain chain;

    public AuditResource(EventChain chain) {
        this.chain = chain;
    }

    @Operation(
            summary =
                    "Walk the hash chains (all, one department, or one department-year) and name the first broken link",
            description =
                    "brokenAt is null when every event holds; otherwise it names the event where the chain breaks "
                            + "and why: ALTERED_CONTENT, MISSING_EVENT (a deleted event) or WRONG_PREVIOUS_HASH.")
    @GetMapping("/verify")
    public Verification verify(
            @Parameter(description = "department code, e.g. BY-SJ") @RequestParam(required = false) String department,
            @Parameter(description = "fiscal year; needs department") @RequestParam(required = false) Integer year,
            Caller caller) {
        String named = blankToNull(department);
        if (year != null && named == null) {
            throw invalid("department", "a year needs a department");
        }
        if (named == null) {
            if (!caller.scope().isAll()) {
                throw invalid("department", "a caller scoped to some departments must name one of them");
            }
        } else {
            caller.requireScope(named);
        }
        return chain.verify(new AuditScope(named, year));
    }

    @Operation(
            summary = "The chain head of a department-year: compare it with one taken before",
            description = "head is a SHA-256 over the last hash of each of the department-year's aggregates; with "
                    + "atPosition, the head as it stood when the log reached that global position.")
    @GetMapping("/head")
    public ChainHead head(
            @RequestParam(required = false) String department,
            @RequestParam(required = false) Integer year,
            @Parameter(description = "a past log position (the lastPosition of an earlier head)")
                    @RequestParam(required = false)
                    Long atPosition,
            Caller caller) {
        if (department == null || department.isBlank()) {
            throw invalid("department", "department is required");
        }
        if (year == null) {
            throw invalid("year", "year is required");
        }
        caller.requireScope(department);
        return chain.head(department, year, atPosition);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException("Invalid audit request", message, List.of(new FieldError(field, message)));
    }
}
