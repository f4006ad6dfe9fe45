package io.budgetmonitor.command;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.budgetmonitor.testkit.ServiceArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of command-service ({@link ServiceArchitecture}; docs/decisions.md, "Package rules"). No
 * cycle and no dependency is ignored.
 *
 * <p>ArchUnit reads bytecode: a dependency only through a compile-time constant ({@code static final String}) is
 * inlined by javac and invisible here. That is how {@code web → imports} ({@code InputLimits} reading
 * {@code ImportResource.PATH}) hid a cycle with {@code imports → web}; {@code ImportResource} now lives in
 * {@code web} with the other resources. Keep constants shared across packages in the package that owns them.
 */
class ArchitectureRulesTest {

    static final ServiceArchitecture RULES = new ServiceArchitecture(
            "io.budgetmonitor.command",
            // The route → role table (methods and paths: HTTP by nature), which query and scoring keep in web/;
            // the team fixed its place at command/security beside CommandPermissions (HELPERS.md, SECURITY.md).
            "io.budgetmonitor.command.security.AccessRules");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = RULES.classes();
    }

    @Test
    void noPackageCycles() {
        RULES.noPackageCycles().check(classes);
    }

    @Test
    void httpOnlyAtTheEdge() {
        RULES.httpOnlyAtTheEdge().check(classes);
    }

    @Test
    void webOnlyAtTheEdge() {
        RULES.webOnlyAtTheEdge().check(classes);
    }

    /** The aggregates, their registers' interfaces and their refusals: 预算项目, 部门预算年度, 拒绝. */
    @Test
    void domainFreeOfTheWire() {
        RULES.domainFreeOfTheWire("budgetline", "fiscalyear", "refusal").check(classes);
    }

    /** Never query-service's, scoring-service's or the readers' consumer module's classes (issue 12). */
    @Test
    void usesOnlyTheContractAndTheSecurityModule() {
        RULES.usesOnlyTheContractAnd("io.budgetmonitor.security..").check(classes);
    }
}
