package io.budgetmonitor.stack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Keeps a stack's service JVMs running. Once {@link #supervise() supervising}, an exit nobody asked
 * for is reported (which service, its exit code, the last lines of its log) and the service is
 * started again on the same port as {@link RestartPolicy} decides; when the policy gives up,
 * {@link #gaveUp()} completes and the caller decides what the stack does without that service.
 *
 * <p>A restart is safe because the services are event-sourced: the command service's state is its
 * event store, and the readers resume from the offsets and positions they committed with their
 * read models, skipping anything already applied.
 *
 * <p>{@link #close()} wins over any restart: it marks the stack stopping under the same lock a
 * restart takes to launch, so a restart pending in its back-off, or one about to launch, never
 * brings a service back after a stop, and a process launched just before is stopped with the rest.
 */
final class Supervisor implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final int LOG_LINES = 20;

    private final Function<Service, ServiceProcess> launcher;
    private final RestartPolicy policy;
    private final Clock clock;
    private final Consumer<String> progress;
    /** One thread per service at most: each restart waits for its service to be ready. */
    private final ScheduledExecutorService restarts =
            Executors.newScheduledThreadPool(Service.values().length, task -> {
                Thread thread = new Thread(task, "budget-monitor-supervisor");
                thread.setDaemon(true);
                return thread;
            });

    private final Map<Service, ServiceProcess> running = new EnumMap<>(Service.class);
    private final Map<Service, List<Instant>> exits = new EnumMap<>(Service.class);
    private final CompletableFuture<Service> gaveUp = new CompletableFuture<>();
    private boolean supervising;
    private boolean stopping;

    Supervisor(
            Function<Service, ServiceProcess> launcher, RestartPolicy policy, Clock clock, Consumer<String> progress) {
        this.launcher = launcher;
        this.policy = policy;
        this.clock = clock;
        this.progress = progress;
    }

    /** Launches a service; its exits count only from {@link #supervise()} on (a failed start fails the stack). */
    synchronized ServiceProcess start(Service service) {
        if (stopping) {
            throw new IllegalStateException("the stack is stopping: not starting " + service.artifact());
        }
        ServiceProcess process = launcher.apply(service);
        running.put(service, process);
        if (supervising) {
            watch(process);
        }
        return process;
    }

    /** From now on, an exit of a service is unexpected: every service was ready. */
    synchronized void supervise() {
        if (stopping) {
            return; // Ctrl-C while the stack was starting
        }
        supervising = true;
        running.values().forEach(this::watch);
    }

    synchronized Optional<ServiceProcess> process(Service service) {
        return Optional.ofNullable(running.get(service));
    }

    synchronized List<ServiceProcess> processes() {
        return List.copyOf(running.values());
    }

    /** Completes with the service the policy gave up on; never completes while all keep running. */
    CompletableFuture<Service> gaveUp() {
        return gaveUp;
    }

    private void watch(ServiceProcess process) {
        process.exited().thenAcceptAsync(code -> exited(process, code), restarts);
    }

    private synchronized void exited(ServiceProcess process, int code) {
        Service service = process.service();
        if (stopping || running.get(service) != process) {
            return; // stopped on purpose
        }
        process.discardClassArchiveRecording();
        Instant now = clock.instant();
        List<Instant> history = exits.computeIfAbsent(service, s -> new ArrayList<>());
        history.add(now);
        history.removeIf(exit -> exit.isBefore(now.minus(policy.window()))); // the policy forgets them too
        progress.accept(service.artifact() + " exited unexpectedly (" + describe(code) + "); last lines of "
                + process.log() + ":\n" + indent(process.tail(LOG_LINES)));
        RestartPolicy.Decision decision = policy.decide(history, now);
        if (decision instanceof RestartPolicy.Restart restart) {
            progress.accept("restarting " + service.artifact() + " in " + seconds(restart.delay()) + " (restart "
                    + restart.attempt() + "; giving up after " + policy.describe() + ")");
            restarts.schedule(
                    () -> restart(service, restart.attempt()), restart.delay().toMillis(), TimeUnit.MILLISECONDS);
        } else if (decision instanceof RestartPolicy.GiveUp giveUp) {
            giveUp(
                    service,
                    "it exited " + giveUp.exits() + " times, and " + policy.describe() + " is the limit; see "
                            + process.log());
        }
    }

    private synchronized void giveUp(Service service, String why) {
        running.remove(service);
        progress.accept("giving up on " + service.artifact() + ": " + why);
        gaveUp.complete(service);
    }

    private void restart(Service service, int attempt) {
        Instant began = clock.instant();
        ServiceProcess process;
        synchronized (this) {
            if (stopping) {
                return;
            }
            try {
                process = start(service);
            } catch (RuntimeException e) {
                // no JVM to wait for (the jar is gone, say): another try would fail the same way
                giveUp(service, "cannot start it again: " + e.getMessage());
                return;
            }
        }
        try {
            process.awaitReady(READY_TIMEOUT);
            progress.accept(service.artifact() + " is back at " + process.baseUrl() + " (restart " + attempt
                    + ", ready in " + Duration.between(began, clock.instant()).toSeconds() + " s)");
        } catch (IllegalStateException notReady) {
            // an exit while starting is reported and decided on like any other; a JVM that hangs is made one
            if (process.isAlive() && !isStopping()) {
                progress.accept(service.artifact() + " not ready " + READY_TIMEOUT.toMinutes()
                        + " minutes after its restart: killing it");
                process.kill();
            }
        }
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    /** Stops supervising, cancels pending restarts, and stops the services (SIGTERM, then SIGKILL). */
    @Override
    public void close() {
        List<ServiceProcess> toStop;
        synchronized (this) {
            stopping = true;
            toStop = List.copyOf(running.values());
            running.clear();
        }
        // cancels back-offs, and interrupts a restart waiting for readiness (its process is among toStop)
        restarts.shutdownNow();
        toStop.parallelStream().forEach(ServiceProcess::close);
    }

    /** Java reports a JVM ended by a signal as 128 + the signal's number. */
    static String describe(int exitCode) {
        return exitCode > 128 && exitCode < 160
                ? "exit code " + exitCode + ": killed by signal " + (exitCode - 128)
                : "exit code " + exitCode;
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String indent(String lines) {
        return lines.lines()
                .map(line -> "  | " + line)
                .reduce((a, b) -> a + "\n" + b)
                .orElse("  | (the log is empty)");
    }
}
