package io.budgetmonitor.command.it;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.security.Role;
import io.budgetmonitor.security.RouteMatrix;
import io.budgetmonitor.security.RouteMatrix.Access;
import io.budgetmonitor.security.RouteMatrix.Route;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every route of command-service × every demo user (and nobody, and the scoped viewer on another
 * department) over real HTTP, against SECURITY.md's roles written out here independently of the
 * service's own {@code AccessRules}. A route the service serves that this table lacks fails the test.
 */
class SecurityMatrixIT extends IntegrationTest {

    private static final String YEAR = "/api/v1/departments/{department}/years/{year}";
    private static final String LINE = YEAR + "/lines/{line}";

    /** SECURITY.md "Roles", route by route (ADMIN may always). */
    static final Map<Route, Access> CONTRACT = Map.ofEntries(
            // BUDGET_OFFICE: open years, allocate, adjust, transfer, reclaim, carry over, close quarters and
            // years, approve procurement plans, report asset utilization
            entry(Route.post(YEAR), Access.roles(Role.BUDGET_OFFICE)),
            entry(Route.post(YEAR + "/lines"), Access.roles(Role.BUDGET_OFFICE)),
            entry(Route.post(LINE + "/adjustments"), Access.roles(Role.BUDGET_OFFICE)),
            entry(Route.post(YEAR + "/transfers"), Access.roles(Role.BUDGET_OFFICE)),
            entry(Route.post(LINE + "/reclaims"), Access.roles(Role.BUDGET_OFFICE)),
            entry(Route.post(LINE + "/carry-overs"), Access.roles(Role.BUDGET_OFFICE)),
            entry(Route.post(YEAR + "/quarters/{quarter}/closure"), Access.roles(Role.BUDGET_OFFICE)),
            entry(Route.post(YEAR + "/closure"), Access.roles(Role.BUDGET_OFFICE)),
            entry(Route.post(YEAR + "/procurement-plans"), Access.roles(Role.BUDGET_OFFICE)),
            entry(Route.post(YEAR + "/asset-utilization"), Access.roles(Role.BUDGET_OFFICE)),
            // RECORDER: record and reverse disbursements
            entry(Route.post(LINE + "/disbursements"), Access.roles(Role.RECORDER)),
            entry(Route.post(LINE + "/disbursements/{voucher}/reversal"), Access.roles(Role.RECORDER)),
            // EVALUATOR: KPI targets and their adjustment, progress, qualitative assessments, bonus/penalty
            entry(Route.post(YEAR + "/kpis"), Access.roles(Role.EVALUATOR)),
            entry(Route.post(YEAR + "/kpis/{kpi}/adjustments"), Access.roles(Role.EVALUATOR)),
            entry(Route.post(YEAR + "/kpis/{kpi}/progress"), Access.roles(Role.EVALUATOR)),
            entry(Route.post(YEAR + "/qualitative-assessments"), Access.roles(Role.EVALUATOR)),
            entry(Route.post(YEAR + "/bonus-penalties"), Access.roles(Role.EVALUATOR)),
            // EVALUATOR or BUDGET_OFFICE: 偏差原因/纠偏措施 of the monitoring report
            entry(Route.post(YEAR + "/deviation-explanations"), Access.roles(Role.EVALUATOR, Role.BUDGET_OFFICE)),
            // a ledger mixes every writer's commands: every writer may send one, each line is then
            // authorized like its command's route (ImportAuthorizationIT)
            entry(Route.post("/api/v1/imports"), Access.roles(Role.RECORDER, Role.BUDGET_OFFICE, Role.EVALUATOR)),
            // AUDITOR: the hash chains' verification and heads (审计核验); the department is a query
            // parameter there, scoped by the resource (EventChainIT)
            entry(Route.get("/api/v1/audit/verify"), Access.roles(Role.AUDITOR)),
            entry(Route.get("/api/v1/audit/head"), Access.roles(Role.AUDITOR)));

    @Autowired
    ApplicationContext context;

    @Test
    void everyRouteAndEveryCallerGetTheContractsAnswer() {
        RouteMatrix matrix = new RouteMatrix(
                "http://localhost:" + port,
                PASSWORD,
                CONTRACT,
                Map.of(
                        "department",
                        "BY-SJ",
                        "year",
                        "2021",
                        "quarter",
                        "1",
                        "line",
                        "MATRIX-L1",
                        "kpi",
                        "B5.4",
                        "voucher",
                        "MATRIX-V1"));

        matrix.assertCoversExactly(RouteMatrix.handlerRoutes(context));
        // 21 routes x (nobody + 7 demo users) + 18 routes with {department} x the scoped viewer elsewhere
        assertThat(matrix.assertAllCells()).hasSize(21 * 8 + 18);
    }

    /** No demo user writes for some departments only; a token-holding clerk does (production's case). */
    @Test
    void aWriterScopedToOneDepartmentGets404ForAnotherAndWritesItsOwn() {
        String own = newDepartment("SCOPE");
        String other = newDepartment("ELSEWHERE");
        openYearWithLine(own, "L1", "1000.00");
        openYearWithLine(other, "L1", "1000.00");
        Map<String, String> scopedRecorder = Map.of(
                "Authorization",
                "Bearer " + TOKENS.token("clerk.li", java.util.List.of("RECORDER"), java.util.List.of(own)));
        long before = eventCount(other + ":", "DisbursementRecorded");

        Response elsewhere =
                post(yearPath(other, 2021) + "/lines/L1/disbursements", disbursement("S-1", "1.00"), scopedRecorder);
        Response wrongRole = post(yearPath(own, 2021) + "/lines", "{}", scopedRecorder);
        Response inScope =
                post(yearPath(own, 2021) + "/lines/L1/disbursements", disbursement("S-2", "1.00"), scopedRecorder);

        assertThat(elsewhere.status()).isEqualTo(404);
        assertThat(elsewhere.contentType()).startsWith("application/problem+json");
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(inScope.status()).as(String.valueOf(inScope.body())).isEqualTo(201);
        assertThat(inScope.body().get("recordedBy").asText()).isEqualTo("clerk.li");
        assertThat(eventCount(other + ":", "DisbursementRecorded")).isEqualTo(before);
    }
}
