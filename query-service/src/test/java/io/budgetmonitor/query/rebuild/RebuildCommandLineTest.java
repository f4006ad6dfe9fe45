package io.budgetmonitor.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.QueryServiceApplication;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/** {@code java -jar query-service.jar --rebuild}, as an operator runs it against a service's database. */
class RebuildCommandLineTest extends IntegrationTest {

    @Autowired
    Environment environment;

    private String[] commandLine(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--rebuild",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=" + environment.getProperty("spring.datasource.password"),
                "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "--budget.kafka.group-id=cli-" + UUID.randomUUID()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void itRefusesWhileAReplicaConsumesTheLog() {
        // this test's service is the consuming replica: the swap would race its consumer
        assertThat(QueryServiceApplication.rebuild(commandLine())).isNotZero();
    }

    @Test
    void itReplaysTheLogIntoFreshTablesWithTheSameDigest() {
        List<RecordedEvent> events = ScenarioEvents.fromFile(
                Path.of("../infra/demo/shijing-2021.ndjson"),
                "SJ-CLI",
                scenario().nextPosition());
        publish(events);
        awaitApplied(events);
        JsonNode live = Http.get(baseUrl() + "/api/v1/admin/digest").body();

        // another lock key stands for "no replica consuming" without stopping this test's service
        int exitCode = QueryServiceApplication.rebuild(commandLine("--budget.consumption.lock-key=990002"));

        assertThat(exitCode).isZero();
        assertThat(Http.get(baseUrl() + "/api/v1/admin/digest").body()).isEqualTo(live);
        assertThat(Http.get(baseUrl() + "/api/v1/departments/SJ-CLI/years/2021/execution")
                        .body()
                        .get("executionRate")
                        .asText())
                .isEqualTo("0.9366");
    }
}
