package io.budgetmonitor.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsToAuto() {
        InfraSettings settings = InfraSettings.from(key -> null, key -> null);
        assertThat(settings.mode()).isEqualTo(InfraMode.AUTO);
        assertThat(settings.pgImage()).isEqualTo("postgres:16-alpine");
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        Map<String, String> properties = Map.of("budget.test.infra", "Embedded");
        Map<String, String> environment = Map.of(
                "BUDGET_TEST_INFRA", "external",
                "BUDGET_TEST_PG_URL", "jdbc:postgresql://db:5432/postgres",
                "BUDGET_TEST_KAFKA_BOOTSTRAP", "kafka:9092");
        InfraSettings settings = InfraSettings.from(properties::get, environment::get);
        assertThat(settings.mode()).isEqualTo(InfraMode.EMBEDDED);
        assertThat(settings.pgUrl()).isEqualTo("jdbc:postgresql://db:5432/postgres");
        assertThat(settings.kafkaBootstrap()).isEqualTo("kafka:9092");
    }

    @Test
    void unknownModeIsRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> InfraMode.parse("docker"))
                .hasMessageContaining("auto, containers, embedded, external");
    }

    @Test
    void externalModeNamesWhatIsMissing() {
        InfraSettings settings = InfraSettings.from(Map.of("budget.test.infra", "external")::get, key -> null);
        assertThatThrownBy(() -> new ExternalBackend(settings))
                .hasMessageContaining("BUDGET_TEST_PG_URL")
                .hasMessageContaining("BUDGET_TEST_KAFKA_BOOTSTRAP");
    }

    @Test
    void rewritesTheDatabaseOfAJdbcUrl() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h:5432/postgres?sslmode=require", "x"))
                .isEqualTo("jdbc:postgresql://h:5432/x?sslmode=require");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://a:1,b:2", "x")).isEqualTo("jdbc:postgresql://a:1,b:2/x");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h/?user=u", "x")).isEqualTo("jdbc:postgresql://h/x?user=u");
        assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:mysql://h/db", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void databaseNamesAreSafeAndUnique() {
        assertThat(DatabaseNames.sanitize("Command-Service.IT")).isEqualTo("command_service_it");
        assertThat(DatabaseNames.sanitize("1st")).isEqualTo("db_1st");
        assertThat(DatabaseNames.unique("a")).isNotEqualTo(DatabaseNames.unique("a"));
        assertThat(DatabaseNames.unique("x".repeat(100))).hasSizeLessThan(64);
    }

    @Test
    void dockerProbeIsFast() {
        long start = System.nanoTime();
        boolean answers = DockerProbe.dockerAnswers();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("[testkit] docker answers=" + answers + " in " + took.toMillis() + " ms");
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void noDockerHintsMeansNoDocker() {
        assertThat(DockerProbe.mightHaveDocker(key -> null, "/nonexistent-home", "Linux")
                        == (java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                                || java.nio.file.Files.exists(java.nio.file.Path.of("/run/docker.sock"))
                                || java.nio.file.Files.exists(java.nio.file.Path.of("/run/podman/podman.sock"))))
                .isTrue();
        assertThat(DockerProbe.mightHaveDocker(Map.of("DOCKER_HOST", "tcp://x:2375")::get, "/x", "Linux"))
                .isTrue();
    }
}
