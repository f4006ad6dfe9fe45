package io.budgetmonitor.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The run command's entry point: {@code ./budget-monitor} (see README). Starts everything, prints
 * where it is, restarts a service that exits, and stops everything on Ctrl-C / SIGTERM, or with exit
 * status 1 when a service keeps exiting (see {@link RestartPolicy}).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        System.setProperty("axoniq.update-checker.disabled", "true");
        StackSettings settings;
        try {
            settings = StackSettings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Instant started = Instant.now();
        LocalStack stack = new LocalStack(settings, line -> System.out.println("budget-monitor: " + line));
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("budget-monitor: stopping…");
                            stack.close();
                            System.out.println("budget-monitor: stopped");
                        },
                        "budget-monitor-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("budget-monitor: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        List<String> summary = new Summary().lines(stack, settings, stack.loadedDepartmentYear());
        System.out.println("budget-monitor: ready in "
                + Duration.between(started, Instant.now()).toSeconds() + " s");
        summary.forEach(System.out::println);
        System.out.println("budget-monitor: Ctrl-C stops everything; data stays in " + settings.dataDir());
        // Ctrl-C ends the JVM through the shutdown hook; a service the stack gave up restarting ends it
        // here, non-zero: a stack without one of its services is not the one the summary announced
        Service lost = stack.gaveUp().join();
        System.err.println("budget-monitor: stopping everything: " + lost.artifact()
                + " keeps exiting (its log is above); the data is kept, so fix the cause and run again");
        System.exit(1);
    }
}
