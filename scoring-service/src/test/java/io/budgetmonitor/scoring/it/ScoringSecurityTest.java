package io.budgetmonitor.scoring.it;

import static io.budgetmonitor.security.Role.AUDITOR;
import static io.budgetmonitor.security.Role.BUDGET_OFFICE;
import static io.budgetmonitor.security.Role.EVALUATOR;
import static io.budgetmonitor.security.Role.RECORDER;
import static io.budgetmonitor.security.Role.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.security.Role;
import io.budgetmonitor.security.RouteMatrix;
import io.budgetmonitor.security.RouteMatrix.Access;
import io.budgetmonitor.security.RouteMatrix.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The security contract on the running scoring service: every route × every caller, department scope
 * (an evaluation of another department is 404 to a scoped viewer), who took a snapshot, and Bearer
 * tokens from the configured issuer.
 */
class ScoringSecurityTest extends RunningScoringService {

    /** The scoped demo user's department (SECURITY.md: viewer-bysj sees 石井街道 only). */
    static final String SHIJING = "BY-SJ";

    static final String OTHER = "SEC-OTHER";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    /**
     * SECURITY.md and the scoring rows of API.md, written here independently of ScoringRoutes: scores
     * are read by VIEWER, AUDITOR, EVALUATOR and BUDGET_OFFICE; taken by EVALUATOR; rubrics are read by
     * every role and uploaded by ADMIN only (ADMIN may everything).
     */
    static Map<Route, Access> contract() {
        Access readers = Access.roles(VIEWER, AUDITOR, EVALUATOR, BUDGET_OFFICE);
        Map<Route, Access> table = new LinkedHashMap<>();
        table.put(Route.post("/api/v1/evaluations"), Access.roles(EVALUATOR));
        table.put(Route.get("/api/v1/evaluations"), readers);
        table.put(Route.get("/api/v1/evaluations/{id}"), readers);
        table.put(Route.get("/api/v1/evaluations/{id}/report"), readers);
        table.put(Route.get("/api/v1/evaluations/{id}/report/narrative"), readers);
        table.put(new Route(HttpMethod.PUT, "/api/v1/evaluations/{id}/report/narrative"), Access.roles(EVALUATOR));
        table.put(Route.get("/api/v1/evaluations/{id}/diff/{other}"), readers);
        table.put(Route.get("/api/v1/departments/{department}/years/{year}/projected-score"), readers);
        table.put(Route.get("/api/v1/departments/{department}/years/{year}/monitoring-report"), readers);
        table.put(Route.get("/api/v1/departments/{department}/years/{year}/rubric-comparison"), readers);
        table.put(Route.get("/api/v1/position"), readers);
        table.put(Route.get("/api/v1/admin/consumer/held"), Access.roles(Role.ADMIN));
        table.put(Route.get("/api/v1/rubrics"), Access.roles(RECORDER, BUDGET_OFFICE, EVALUATOR, AUDITOR, VIEWER));
        table.put(
                Route.get("/api/v1/rubrics/{reference}"),
                Access.roles(RECORDER, BUDGET_OFFICE, EVALUATOR, AUDITOR, VIEWER));
        table.put(Route.post("/api/v1/rubrics"), Access.roles(Role.ADMIN));
        table.put(Route.get("/api/v1/admin/digest"), Access.roles(AUDITOR));
        return table;
    }

    @Test
    void everyRouteAndEveryCallerOfTheMatrixHolds() {
        String id = shijingEvaluation().get("id").asText();
        RouteMatrix matrix = new RouteMatrix(
                        "http://localhost:" + port,
                        PASSWORD,
                        contract(),
                        Map.of(
                                "department",
                                SHIJING,
                                "year",
                                "2021",
                                "id",
                                id,
                                "other",
                                id,
                                "reference",
                                "baiyun-2022"))
                .body(Route.post("/api/v1/evaluations"), "{\"department\":\"" + SHIJING + "\",\"fiscalYear\":2021}")
                .body(
                        new Route(HttpMethod.PUT, "/api/v1/evaluations/{id}/report/narrative"),
                        "{\"problems\":\"（一）问题\",\"measures\":\"（一）措施\"}");
        matrix.assertCoversExactly(RouteMatrix.handlerRoutes(context));
        // 15 routes x (anonymous + 7 demo users) + the scoped viewer on another department's projected score,
        // monitoring report and comparison
        assertThat(matrix.assertAllCells()).hasSize(16 * 8 + 3);
    }

    @Test
    void aScopedViewerSeesOnlyItsDepartmentsEvaluations() {
        String own = shijingEvaluation().get("id").asText();
        String foreign = otherEvaluation().get("id").asText();
        TestRestTemplate viewer = as("viewer-bysj");

        assertThat(viewer.getForEntity("/api/v1/evaluations/" + own, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(viewer.getForEntity("/api/v1/evaluations/" + own + "/report", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<String> byId = viewer.getForEntity("/api/v1/evaluations/" + foreign, String.class);
        ResponseEntity<String> unknown =
                viewer.getForEntity("/api/v1/evaluations/00000000-0000-0000-0000-000000000001", String.class);
        assertThat(byId.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // answered exactly like an id that does not exist: it does not reveal that the evaluation exists
        assertThat(read(byId.getBody()).get("detail").asText()).isEqualTo("no evaluation " + foreign);
        assertThat(read(unknown.getBody()).get("title"))
                .isEqualTo(read(byId.getBody()).get("title"));
        assertThat(viewer.getForEntity("/api/v1/evaluations/" + foreign + "/report", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        HttpHeaders html = new HttpHeaders();
        html.setAccept(List.of(MediaType.TEXT_HTML));
        assertThat(viewer.exchange(
                                "/api/v1/evaluations/" + foreign + "/report",
                                HttpMethod.GET,
                                new HttpEntity<>(html),
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(viewer.getForEntity("/api/v1/evaluations/" + own + "/diff/" + foreign, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(viewer.getForEntity("/api/v1/departments/" + OTHER + "/years/2021/projected-score", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(viewer.getForEntity(
                                "/api/v1/departments/" + OTHER + "/years/2021/rubric-comparison?other=mof-dept-2020",
                                String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // the list holds the caller's departments only, filter or not; a filter on another department is 404
        JsonNode list = read(viewer.getForObject("/api/v1/evaluations", String.class));
        assertThat(departments(list)).isNotEmpty().containsOnly(SHIJING);
        assertThat(departments(read(viewer.getForObject("/api/v1/evaluations?fiscalYear=2021", String.class))))
                .containsOnly(SHIJING);
        assertThat(viewer.getForEntity("/api/v1/evaluations?department=" + OTHER, String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // while a viewer of every department sees both
        assertThat(departments(read(as("viewer").getForObject("/api/v1/evaluations", String.class))))
                .contains(SHIJING, OTHER);
    }

    @Test
    void aSnapshotRecordsWhoTookIt() {
        JsonNode snapshot = shijingEvaluation();
        String id = snapshot.get("id").asText();
        assertThat(snapshot.get("takenBy").asText()).isEqualTo("evaluator");
        assertThat(read(as("auditor").getForObject("/api/v1/evaluations/" + id, String.class))
                        .get("takenBy")
                        .asText())
                .isEqualTo("evaluator");
        assertThat(jdbc.queryForObject("SELECT taken_by FROM evaluation WHERE id = ?::uuid", String.class, id))
                .isEqualTo("evaluator");
        assertThat(as("auditor").getForObject("/api/v1/evaluations/" + id + "/report", String.class))
                .contains("- 评价人：evaluator");

        // whatever the body says: the principal is who took it
        Map<String, Object> claimingSomeoneElse = new LinkedHashMap<>(evaluationRequest(SHIJING, null));
        claimingSomeoneElse.put("takenBy", "someone-else");
        ResponseEntity<String> response = post(as("admin"), claimingSomeoneElse);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(read(response.getBody()).get("takenBy").asText()).isEqualTo("admin");
    }

    @Test
    void aTokenOfTheConfiguredIssuerIsAcceptedWithItsRolesAndDepartments() {
        shijingEvaluation();
        otherEvaluation();
        TestRestTemplate zhang = bearer(TOKENS.token("zhang.san", List.of("EVALUATOR"), List.of(SHIJING)));

        ResponseEntity<String> projected =
                zhang.getForEntity("/api/v1/departments/" + SHIJING + "/years/2021/projected-score", String.class);
        assertThat(projected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read(projected.getBody()).get("projectedTotal").decimalValue())
                .isPositive();
        assertThat(zhang.getForEntity("/api/v1/departments/" + OTHER + "/years/2021/projected-score", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        // taking an evaluation: in scope it is recorded as the token's user; out of scope it is 404
        JsonNode taken = evaluate(zhang, SHIJING, null);
        assertThat(taken.get("takenBy").asText()).isEqualTo("zhang.san");
        assertThat(post(zhang, evaluationRequest(OTHER, null)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(departments(read(zhang.getForObject("/api/v1/evaluations", String.class))))
                .containsOnly(SHIJING);

        // roles come from the token: a viewer's token may not take an evaluation
        TestRestTemplate viewer = bearer(TOKENS.token("li.si", List.of("VIEWER"), List.of(SHIJING)));
        assertThat(post(viewer, evaluationRequest(SHIJING, null)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void expiredWronglySignedAndForeignTokensAre401() {
        List<String> roles = List.of("ADMIN");
        List<String> all = List.of("*");
        for (String token : List.of(
                TOKENS.expiredToken("a", roles, all),
                TOKENS.tokenSignedByAnotherKey("a", roles, all),
                TOKENS.tokenFromAnotherIssuer("a", roles, all))) {
            ResponseEntity<String> response = bearer(token)
                    .getForEntity("/api/v1/departments/" + SHIJING + "/years/2021/projected-score", String.class);
            assertThat(response.getStatusCode()).as(token).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        }
        assertThat(anonymous.getForEntity("/api/v1/position", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    // ---- the two department-years these tests read, applied once for the whole class

    private static boolean applied;

    private void applyYears() {
        if (!applied) {
            publishAll(smallYear(SHIJING, "baiyun-2022"));
            publishAll(smallYear(OTHER, "baiyun-2022"));
            waitForPosition(EVENTS.lastPosition());
            applied = true;
        }
    }

    private JsonNode shijingEvaluation() {
        applyYears();
        return evaluate(as("evaluator"), SHIJING, null);
    }

    private JsonNode otherEvaluation() {
        applyYears();
        return evaluate(as("evaluator"), OTHER, null);
    }

    /** A client that sends this token (and no Basic credentials). */
    private TestRestTemplate bearer(String token) {
        return new TestRestTemplate(new RestTemplateBuilder()
                .rootUri("http://localhost:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }

    private static List<String> departments(JsonNode list) {
        List<String> departments = new ArrayList<>();
        list.forEach(snapshot -> departments.add(snapshot.get("department").asText()));
        return departments;
    }
}
