package io.budgetmonitor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor around real processes, without a stack: a small JVM ({@link StandInService}) stands
 * in for a service, so exits, back-offs and stops take seconds, not the minute a stack takes.
 */
class SupervisorTest {

    @TempDir
    Path dir;

    Path jar;
    final List<String> said = new CopyOnWriteArrayList<>();
    final AtomicInteger launches = new AtomicInteger();
    Supervisor supervisor;

    @BeforeEach
    void buildTheStandInJar() throws IOException {
        jar = dir.resolve("stand-in-exec.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StandInService.class.getName());
        String entry = StandInService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream bytes = StandInService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            bytes.transferTo(out);
            out.closeEntry();
        }
    }

    @AfterEach
    void stop() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    private Supervisor supervising(String behaviour, RestartPolicy policy) {
        supervisor = new Supervisor(
                service -> {
                    launches.incrementAndGet();
                    return ServiceProcess.launch(
                            service,
                            jar,
                            1,
                            List.of("-Dstand-in=" + behaviour),
                            Map.of(),
                            dir.resolve("logs").resolve(service.artifact() + ".log"));
                },
                policy,
                Clock.systemUTC(),
                said::add);
        return supervisor;
    }

    @Test
    void aServiceThatKeepsExitingIsRestartedWithBackOffThenGivenUp() throws Exception {
        Supervisor supervisor = supervising(
                "exit", new RestartPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2, Duration.ofMinutes(1)));

        supervisor.start(Service.SCORING);
        supervisor.supervise();

        assertThat(supervisor.gaveUp().get(60, TimeUnit.SECONDS)).isEqualTo(Service.SCORING);
        assertThat(launches).hasValue(3);
        assertThat(said)
                .filteredOn(line -> line.startsWith("scoring-service exited unexpectedly (exit code 3)"))
                .hasSize(3)
                .allSatisfy(report -> assertThat(report)
                        .contains(dir.resolve("logs/scoring-service.log").toString())
                        .contains("  | stand-in failing: no database"));
        assertThat(said)
                .filteredOn(line -> line.startsWith("restarting scoring-service"))
                .containsExactly(
                        "restarting scoring-service in 100 ms (restart 1; giving up after 2 restarts within 1 minute)",
                        "restarting scoring-service in 200 ms (restart 2; giving up after 2 restarts within 1 minute)");
        assertThat(said.get(said.size() - 1)).startsWith("giving up on scoring-service: it exited 3 times");
        assertThat(supervisor.process(Service.SCORING)).isEmpty();
    }

    @Test
    void aStopDuringTheBackOffRestartsNothing() throws Exception {
        Supervisor supervisor = supervising(
                "exit", new RestartPolicy(Duration.ofMillis(500), Duration.ofMillis(500), 5, Duration.ofMinutes(1)));
        supervisor.start(Service.QUERY);
        supervisor.supervise();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> said.stream().anyMatch(l -> l.startsWith("restarting query-service")));

        supervisor.close();
        Thread.sleep(1_000); // past the back-off

        assertThat(launches).hasValue(1);
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(ProcessHandle::isAlive)
                        .toList())
                .isEmpty();
    }

    @Test
    void aStopIsNotReportedAsAnExit() throws Exception {
        Supervisor supervisor = supervising("run", RestartPolicy.STANDARD);
        ServiceProcess running = supervisor.start(Service.COMMAND);
        supervisor.supervise();

        supervisor.close();

        assertThat(running.exited().get(30, TimeUnit.SECONDS)).isNotZero();
        Thread.sleep(200);
        assertThat(said).isEmpty();
        assertThat(launches).hasValue(1);
    }

    @Test
    void anExitWhileTheStackStartsIsLeftToTheStart() throws Exception {
        Supervisor supervisor = supervising("exit", RestartPolicy.STANDARD);

        supervisor.start(Service.COMMAND).exited().get(30, TimeUnit.SECONDS);
        Thread.sleep(200);

        assertThat(said).as("the start reports it, and fails").isEmpty();
        assertThat(launches).hasValue(1);
    }
}
