package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resource endpoints end to end: what they record, in which shape, with which metadata. */
class CommandResourcesIT extends IntegrationTest {

    @Test
    void disbursementIsRecordedWithPositionAndMetadata() {
        String department = newDepartment("RES");
        openYearWithLine(department, "GP-PUB-01", "10000.00");

        Response response = post(
                yearPath(department, 2021) + "/lines/GP-PUB-01/disbursements",
                disbursement("V-1", "250.50"),
                as("recorder", Map.of("X-Recorded-By", "clerk-wang", "X-Correlation-Id", "corr-123")));

        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(201);
        JsonNode body = response.body();
        assertThat(body.get("outcome").asText()).isEqualTo("RECORDED");
        assertThat(body.get("available").asText()).isEqualTo("9749.50");
        assertThat(body.get("recorded").get(0).get("type").asText())
                .isEqualTo("io.budgetmonitor.DisbursementRecorded.v1");
        long position = body.get("position").asLong();
        assertThat(position)
                .isEqualTo(jdbc.queryForObject(
                        "SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                        Long.class,
                        body.get("recorded").get(0).get("eventId").asText()));
        String metadata = jdbc.queryForObject(
                "SELECT meta_data FROM domain_event_entry WHERE global_index = ?", String.class, position);
        assertThat(metadata)
                .contains("\"recordedBy\":\"recorder\"")
                .contains("\"onBehalfOf\":\"clerk-wang\"")
                .contains("\"correlationId\":\"corr-123\"");
        assertThat(body.get("recordedBy").asText()).isEqualTo("recorder");
        assertThat(body.get("onBehalfOf").asText()).isEqualTo("clerk-wang");
        String payload = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE global_index = ?", String.class, position);
        assertThat(payload).contains("\"amount\":\"250.50\"").contains("某物业公司");
        assertThat(response.header("X-Correlation-Id")).isEqualTo("corr-123");
    }

    @Test
    void openApiHealthAndPrometheusAreServed() {
        Response docs = get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.body().get("paths");
        assertThat(paths.has("/api/v1/imports")).isTrue();
        assertThat(paths.has("/api/v1/departments/{department}/years/{year}/lines/{line}/disbursements"))
                .isTrue();
        assertThat(paths.has("/api/v1/departments/{department}/years/{year}/kpis/{kpi}/progress"))
                .isTrue();
        assertThat(get("/actuator/health").body().get("status").asText()).isEqualTo("UP");
        assertThat(get("/actuator/prometheus").raw().statusCode()).isEqualTo(200);
        // orchestrators and the API description need no credentials; metrics are the operator's
        assertThat(getAnonymously("/v3/api-docs").status()).isEqualTo(200);
        assertThat(getAnonymously("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(getAnonymously("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(get("/actuator/prometheus", as("auditor")).status()).isEqualTo(403);
    }
}
