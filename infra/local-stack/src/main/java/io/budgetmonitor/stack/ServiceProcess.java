package io.budgetmonitor.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One service running in its own JVM, started from its executable jar exactly as in production,
 * with its output in a log file of the data directory.
 */
final class ServiceProcess implements AutoCloseable {

    private static final int TAIL_BYTES = 64 * 1024;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Service service;
    private final int port;
    private final Process process;
    private final Path log;
    private final ClassDataSharing.Launch launch;

    private ServiceProcess(Service service, int port, Process process, Path log, ClassDataSharing.Launch launch) {
        this.service = service;
        this.port = port;
        this.process = process;
        this.log = log;
        this.launch = launch;
    }

    static ServiceProcess launch(
            Service service, Path jar, int port, List<String> javaOptions, Map<String, String> properties, Path log) {
        String java = ProcessHandle.current().info().command().orElse("java");
        ClassDataSharing.Launch launch = ClassDataSharing.prepare(jar, java);
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(javaOptions);
        command.addAll(launch.jvmArguments());
        command.add("-Daxoniq.update-checker.disabled=true");
        command.add("-jar");
        command.add(launch.jar().toString());
        command.add("--server.port=" + port);
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            return new ServiceProcess(service, port, builder.start(), log, launch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.artifact() + " from " + jar, e);
        }
    }

    /** Finds {@code <root>/<artifact>/target/<artifact>-<version>-exec.jar}. */
    static Path jarOf(Service service, Path projectRoot) {
        Path target = projectRoot.resolve(service.artifact()).resolve("target");
        try (Stream<Path> files = Files.isDirectory(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(p -> p.getFileName().toString().startsWith(service.artifact())
                            && p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no executable jar of " + service.artifact()
                            + " under " + target + ": build first (./mvnw -B -DskipTests package)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until the readiness group says UP (open to all: the rest of Actuator needs ADMIN); fails
     * early, with the log's tail, if the process dies.
     */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.artifact() + " exited with " + process.exitValue()
                        + "; last lines of " + log + ":\n" + tail(40));
            }
            try {
                HttpResponse<String> response = HTTP.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + service.artifact(), e);
            }
            sleep(250);
        }
        throw new IllegalStateException(
                service.artifact() + " not ready after " + timeout + "; last lines of " + log + ":\n" + tail(40));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    Service service() {
        return service;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the JVM has exited, whoever ended it. */
    CompletableFuture<Integer> exited() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /** For a JVM that hangs while starting: SIGKILL, no clean shutdown to wait for. */
    void kill() {
        process.destroyForcibly();
    }

    /**
     * After an exit nobody asked for: whatever class archive the JVM wrote then is not kept (it may
     * be half written, or list the classes of a failing run), so a later clean stop records it again.
     */
    void discardClassArchiveRecording() {
        launch.keepRecordedArchive(false);
    }

    /** Whether this run writes the class archive of its build when it stops (the first run per build). */
    boolean recordsClassArchive() {
        return launch.training().isPresent();
    }

    /** Stops the JVM gracefully (SIGTERM: Spring shuts down cleanly), then forcibly if it hangs. */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        boolean stoppedByItself = false;
        try {
            // writing the class archive takes a JVM some seconds more, three at once on two cores ~20 s
            stoppedByItself = process.waitFor(recordsClassArchive() ? 90 : 20, TimeUnit.SECONDS);
            if (!stoppedByItself) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        // a JVM killed while writing its class archive leaves half a file: only a clean exit's is kept
        launch.keepRecordedArchive(stoppedByItself);
    }

    /**
     * The last lines of the service's log (its own output, and the JVM's if it crashed). Only the
     * end of the file is read: the log is appended to by every run on this data directory.
     */
    String tail(int count) {
        try (SeekableByteChannel file = Files.newByteChannel(log)) {
            long start = Math.max(0, file.size() - TAIL_BYTES);
            ByteBuffer end = ByteBuffer.allocate((int) (file.size() - start));
            file.position(start);
            while (end.hasRemaining() && file.read(end) >= 0) {
                // read to the end as it was when asked
            }
            List<String> lines = new String(end.array(), 0, end.position(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            if (start > 0 && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // begins mid-line
            }
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
