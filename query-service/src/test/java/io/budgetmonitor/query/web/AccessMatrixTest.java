package io.budgetmonitor.query.web;

import static io.budgetmonitor.security.Role.AUDITOR;
import static io.budgetmonitor.security.Role.BUDGET_OFFICE;
import static io.budgetmonitor.security.Role.EVALUATOR;
import static io.budgetmonitor.security.Role.RECORDER;
import static io.budgetmonitor.security.Role.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.security.Role;
import io.budgetmonitor.security.RouteMatrix;
import io.budgetmonitor.security.RouteMatrix.Access;
import io.budgetmonitor.security.RouteMatrix.Route;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every query-service route × anonymous, the seven demo users and the scoped viewer on another
 * department, over real HTTP on the real service. The table is the contract (SECURITY.md and the
 * decisions of docs/decisions.md) written out here again, not read from {@link AccessTable}, so a
 * change to one without the other fails.
 */
class AccessMatrixTest extends IntegrationTest {

    private static final String YEAR = "/api/v1/departments/{department}/years/{year}";

    @Autowired
    ApplicationContext context;

    @Test
    void everyServedRouteIsInTheTableAndEveryCellHolds() {
        Access execution = Access.roles(VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR, RECORDER);
        Access alerts = Access.roles(VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR);
        Access exports = Access.roles(VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR);
        Map<Route, Access> table = Map.ofEntries(
                Map.entry(Route.get(YEAR + "/execution"), execution),
                Map.entry(Route.get(YEAR + "/lines"), execution),
                Map.entry(Route.get(YEAR + "/lines/{line}"), execution),
                Map.entry(Route.get(YEAR + "/fund-sources/{fundSource}"), execution),
                Map.entry(Route.get(YEAR + "/history"), Access.roles(AUDITOR)),
                Map.entry(Route.get(YEAR + "/lines/{line}/history"), Access.roles(AUDITOR)),
                Map.entry(Route.get("/api/v1/alerts"), alerts),
                Map.entry(Route.get("/api/v1/alerts/stream"), alerts),
                Map.entry(Route.get("/api/v1/alerts/groups"), alerts),
                Map.entry(Route.get("/api/v1/alerts/{id}"), alerts),
                Map.entry(Route.post("/api/v1/alerts/{id}/acknowledgement"), Access.roles(BUDGET_OFFICE, EVALUATOR)),
                // exports
                Map.entry(Route.get(YEAR + "/export.csv"), exports),
                Map.entry(Route.get(YEAR + "/export.xlsx"), exports),
                Map.entry(Route.get(YEAR + "/fiscal-data-package.zip"), exports),
                Map.entry(Route.get(YEAR + "/alerts.csv"), exports),
                Map.entry(Route.get("/api/v1/years/{year}/fiscal-data-package.zip"), exports),
                // dashboard API
                Map.entry(Route.get("/api/v1/departments"), alerts),
                Map.entry(Route.get("/api/v1/years/{year}/summary"), alerts),
                Map.entry(Route.get(YEAR + "/kpis"), alerts),
                Map.entry(Route.get(YEAR + "/execution/series"), alerts),
                Map.entry(
                        Route.get("/api/v1/position"),
                        Access.roles(RECORDER, BUDGET_OFFICE, EVALUATOR, AUDITOR, VIEWER)),
                Map.entry(Route.get("/api/v1/me"), Access.roles(RECORDER, BUDGET_OFFICE, EVALUATOR, AUDITOR, VIEWER)),
                Map.entry(Route.get("/api/v1/admin/digest"), Access.roles(AUDITOR)),
                Map.entry(Route.get("/api/v1/admin/digest/alerts"), Access.roles(AUDITOR)),
                Map.entry(Route.post("/api/v1/admin/rebuild"), Access.roles(Role.ADMIN)),
                Map.entry(Route.get("/api/v1/admin/consumer/held"), Access.roles(Role.ADMIN)),
                Map.entry(Route.post("/api/v1/admin/evaluations"), Access.roles(Role.ADMIN)));
        // an alert id no test uses: the allowed acknowledgements answer 404 and change nothing
        RouteMatrix matrix = new RouteMatrix(
                baseUrl(),
                Http.PASSWORD,
                table,
                Map.of(
                        "department",
                        "BY-SJ",
                        "year",
                        "2021",
                        "line",
                        "L1",
                        "fundSource",
                        "GENERAL_PUBLIC_BUDGET",
                        "id",
                        "987654321"));

        matrix.assertCoversExactly(RouteMatrix.handlerRoutes(context));
        assertThat(matrix.assertAllCells()).hasSize(27 * 8 + 12);
    }
}
