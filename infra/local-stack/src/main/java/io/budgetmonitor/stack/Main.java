package io.budgetmonitor.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The run command's entry point: {@code ./budget-monitor} (see README). Starts everything, prints
 * where it is, and stops everything on Ctrl-C / SIGTERM.
 */
public final class Main {

    private Main() {
    }

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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("budget-monitor: stopping…");
            stack.close();
            System.out.println("budget-monitor: stopped");
        }, "budget-monitor-shutdown"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("budget-monitor: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        List<String> summary = new Summary().lines(stack, settings, stack.loadedDepartmentYear());
        System.out.println("budget-monitor: ready in " + Duration.between(started, Instant.now()).toSeconds() + " s");
        summary.forEach(System.out::println);
        System.out.println("budget-monitor: Ctrl-C stops everything; data stays in " + settings.dataDir());
        Thread.currentThread().join();
    }
}
