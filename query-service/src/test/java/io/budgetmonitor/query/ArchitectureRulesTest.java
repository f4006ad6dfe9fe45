package io.budgetmonitor.query;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.budgetmonitor.testkit.ServiceArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of query-service ({@link ServiceArchitecture}; docs/decisions.md, "Package rules"). */
class ArchitectureRulesTest {

    static final ServiceArchitecture RULES = new ServiceArchitecture(
            "io.budgetmonitor.query",
            // the SSE stream of alerts: it holds the open HTTP responses (SseEmitter), so it is edge by nature
            "io.budgetmonitor.query.alerts.AlertStreamDispatcher",
            // answers 409 on a standby replica's admin calls; the consumer branch (issue 12 part 1) owns this package
            "io.budgetmonitor.query.consumption.ConsumingReplica");
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
}
