package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The acknowledger (确认人) is the authenticated principal; viewers may not acknowledge; scope holds. */
class AcknowledgementTest extends IntegrationTest {

    @Test
    void theAcknowledgerIsThePrincipalNotANameInTheBody() {
        List<Long> alerts = raiseAlerts("ACK-A").get(0);
        long alert = alerts.get(0);

        for (String refused : List.of("viewer", "viewer-bysj", "recorder", "auditor")) {
            Http.Response response = Http.as(refused).post(acknowledgement(alert), "{\"comment\":\"看过了\"}");
            assertThat(response.status()).as(refused).isEqualTo(403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        assertThat(status(alert)).isEqualTo("OPEN");

        Http.Response ack = Http.as("budget-office")
                .post(acknowledgement(alert), "{\"who\":\"财政所 王科长\",\"comment\":\"已督促加快支付进度\"}");
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.body().get("status").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(ack.body().get("acknowledgedBy").asText()).isEqualTo("budget-office");
        assertThat(ack.body().get("acknowledgementComment").asText()).isEqualTo("已督促加快支付进度");
        JsonNode transitions = Http.as("viewer")
                .get(baseUrl() + "/api/v1/alerts/" + alert)
                .body()
                .get("transitions");
        JsonNode last = transitions.get(transitions.size() - 1);
        assertThat(last.get("transition").asText()).isEqualTo("ACKNOWLEDGED");
        assertThat(last.get("actor").asText()).isEqualTo("budget-office");

        // no body at all: the comment is optional
        Http.Response bare = Http.as("evaluator").post(acknowledgement(alerts.get(1)), null);
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.body().get("acknowledgedBy").asText()).isEqualTo("evaluator");
    }

    @Test
    void anAcknowledgerScopedToOneDepartmentCannotReachAnothersAlert() {
        List<List<Long>> raised = raiseAlerts("ACK-B", "ACK-C");
        long own = raised.get(0).get(0);
        long foreign = raised.get(1).get(0);
        // a 绩效股 evaluator of one department, as the identity provider vouches for it
        Http.Caller scoped = Http.bearer(TOKENS.token("li.si", List.of("EVALUATOR"), List.of("ACK-B")));

        Http.Response refused = scoped.post(acknowledgement(foreign), "{}");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(status(foreign)).isEqualTo("OPEN");

        Http.Response ack = scoped.post(acknowledgement(own), "{}");
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.body().get("acknowledgedBy").asText()).isEqualTo("li.si");
    }

    /** Each department falls behind schedule; answers the ids of each one's three alerts. */
    private List<List<Long>> raiseAlerts(String... departments) {
        clock.setDate(LocalDate.of(2021, 6, 30));
        ScenarioEvents s = scenario();
        List<RecordedEvent> events = new ArrayList<>();
        for (String department : departments) {
            events.addAll(s.behindSchedule(department));
        }
        publish(events);
        List<List<Long>> ids = new ArrayList<>();
        for (String department : departments) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> alertIds(department).size() == 3);
            ids.add(alertIds(department));
        }
        return ids;
    }

    private List<Long> alertIds(String department) {
        return jdbc.queryForList("select id from alert where department = ? order by id", Long.class, department);
    }

    private String status(long alert) {
        return jdbc.queryForObject("select status from alert where id = ?", String.class, alert);
    }

    private String acknowledgement(long alert) {
        return baseUrl() + "/api/v1/alerts/" + alert + "/acknowledgement";
    }
}
