package io.budgetmonitor.query.web;

import io.budgetmonitor.security.Caller;
import io.budgetmonitor.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who is signed in. The dashboard shows it, and offers an acknowledge button only to roles that may
 * acknowledge: a page cannot read its own session otherwise.
 */
@RestController
public class SignedInController {

    /** {@code departments} is {@code ["*"]} for every department. */
    public record SignedIn(String name, Set<Role> roles, List<String> departments, boolean mayAcknowledge) {}

    @Operation(summary = "The signed-in caller: name, roles, departments, and whether it may acknowledge alerts")
    @GetMapping("/api/v1/me")
    public SignedIn me(@Parameter(hidden = true) Caller caller) {
        List<String> departments = caller.scope()
                .restriction()
                .map(scoped -> List.copyOf(new TreeSet<>(scoped)))
                .orElse(List.of("*"));
        return new SignedIn(
                caller.name(),
                new TreeSet<>(caller.roles()),
                departments,
                caller.hasAny(Role.BUDGET_OFFICE, Role.EVALUATOR));
    }
}
