package io.budgetmonitor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run command's options and its refusal of a taken port. */
class StackSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        StackSettings settings = StackSettings.parse(new String[0], Map.of());
        assertThat(settings.ports())
                .containsEntry(Service.COMMAND, 8081)
                .containsEntry(Service.QUERY, 8082)
                .containsEntry(Service.SCORING, 8083);
        assertThat(settings.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.loadDemo()).isTrue();
        assertThat(settings.services()).isEqualTo(EnumSet.allOf(Service.class));
        assertThat(settings.externalPostgres()).isEmpty();
        assertThat(settings.externalKafka()).isEmpty();
        assertThat(settings.demoPassword()).as("random demo passwords").isEmpty();
        assertThat(settings.eventsPartitions()).as("one partition on a laptop").isEqualTo(1);
        assertThat(settings.javaOptions())
                .as("an OutOfMemoryError ends the service, so the supervisor restarts it")
                .contains("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void thePartitionsOfTheEventsTopicFromTheFlagOrTheVariableComposeUses() {
        assertThat(StackSettings.parse(new String[0], Map.of("BUDGET_EVENTS_PARTITIONS", "12"))
                        .eventsPartitions())
                .isEqualTo(12);
        assertThat(StackSettings.parse(new String[] {"--events-partitions=6"}, Map.of("BUDGET_EVENTS_PARTITIONS", "12"))
                        .eventsPartitions())
                .isEqualTo(6);
        assertThatThrownBy(() -> StackSettings.parse(new String[] {"--events-partitions=0"}, Map.of()))
                .hasMessageContaining("at least 1");
    }

    @Test
    void oneDemoPasswordFromTheFlagOrTheEnvironmentNeverPrinted() {
        assertThat(StackSettings.parse(new String[0], Map.of("BUDGET_DEMO_PASSWORD", "from-env"))
                        .demoPassword())
                .map(StackSettings.Secret::value)
                .contains("from-env");
        StackSettings flagged = StackSettings.parse(
                new String[] {"--demo-password=from-flag"}, Map.of("BUDGET_DEMO_PASSWORD", "from-env"));
        assertThat(flagged.demoPassword()).map(StackSettings.Secret::value).contains("from-flag");
        assertThat(flagged.toString()).doesNotContain("from-flag");
        assertThat(StackSettings.USAGE)
                .contains("--demo-password=P")
                .contains("BUDGET_DEMO_PASSWORD")
                .contains("demo-users.txt");
    }

    @Test
    void aDemoPasswordTheFileCouldNotHoldIsRefused() {
        assertThatThrownBy(() -> StackSettings.parse(new String[] {"--demo-password"}, Map.of()))
                .hasMessageContaining("--demo-password needs a value");
        assertThatThrownBy(() -> StackSettings.parse(new String[0], Map.of("BUDGET_DEMO_PASSWORD", "two\nlines")))
                .hasMessageContaining("line breaks")
                .hasMessageNotContaining("two");
        assertThatThrownBy(() -> StackSettings.parse(new String[] {"--demo-password= padded"}, Map.of()))
                .hasMessageContaining("blanks");
    }

    @Test
    void flagsWinOverTheEnvironment() {
        StackSettings settings = StackSettings.parse(
                new String[] {"--query-port=9092", "--no-demo", "--only=command,query", "--kafka=broker:9092"},
                Map.of(
                        "BUDGET_QUERY_PORT",
                        "7000",
                        "BUDGET_COMMAND_PORT",
                        "7001",
                        "BUDGET_DATA_DIR",
                        "/srv/budget",
                        "BUDGET_POSTGRES_URL",
                        "jdbc:postgresql://db:5432/"));
        assertThat(settings.ports()).containsEntry(Service.QUERY, 9092).containsEntry(Service.COMMAND, 7001);
        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/budget"));
        assertThat(settings.loadDemo()).isFalse();
        assertThat(settings.services()).containsExactlyInAnyOrder(Service.COMMAND, Service.QUERY);
        assertThat(settings.externalKafka()).contains("broker:9092");
        assertThat(settings.externalPostgres()).contains("jdbc:postgresql://db:5432/");
    }

    @Test
    void unknownArgumentsShowTheUsage() {
        assertThatThrownBy(() -> StackSettings.parse(new String[] {"serve"}, Map.of()))
                .hasMessageContaining("unknown argument serve")
                .hasMessageContaining("--data-dir");
    }

    @Test
    void aTakenPortIsRefusedNamingTheSettingToChange() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> PortCheck.claim(taken.getLocalPort(), "--query-port or BUDGET_QUERY_PORT"))
                    .hasMessage("port " + taken.getLocalPort()
                            + " is already in use: choose another with --query-port or BUDGET_QUERY_PORT");
        }
    }
}
