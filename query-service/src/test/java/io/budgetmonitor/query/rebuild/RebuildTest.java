package io.budgetmonitor.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rebuild from the log copy reproduces the live read models exactly. */
class RebuildTest extends IntegrationTest {

    @Test
    void rebuildDigestEqualsLiveDigest() {
        List<RecordedEvent> events = ScenarioEvents.fromFile(
                Path.of("../infra/demo/shijing-2021.ndjson"),
                "SJ-RB",
                scenario().nextPosition());
        publish(events);
        awaitApplied(events);
        JsonNode live = Http.get(baseUrl() + "/api/v1/admin/digest").body();
        JsonNode rebuilt = Http.post(baseUrl() + "/api/v1/admin/rebuild", null).body();
        assertThat(rebuilt.get("events").asLong()).isGreaterThanOrEqualTo(events.size());
        assertThat(rebuilt.get("digest")).isEqualTo(live);
        assertThat(Http.get(baseUrl() + "/api/v1/admin/digest").body()).isEqualTo(live);
        // queries are served from the swapped-in tables
        assertThat(Http.get(baseUrl() + "/api/v1/departments/SJ-RB/years/2021/execution")
                        .body()
                        .get("executionRate")
                        .asText())
                .isEqualTo("0.9366");
        // the demo closes its year; the rebuilt read model still knows it, so nothing is left to act on and
        // a re-evaluation opens nothing (at most it resolves with the year what the consumer has not yet)
        assertThat(Http.get(baseUrl() + "/api/v1/alerts/groups?department=SJ-RB")
                        .body())
                .isEmpty();
        assertThat(Http.post(baseUrl() + "/api/v1/admin/evaluations?department=SJ-RB&year=2021", null)
                        .body()
                        .get("transitions"))
                .allSatisfy(t -> assertThat(t.get("transition").asText()).isEqualTo("CLOSED_WITH_YEAR"));
    }
}
