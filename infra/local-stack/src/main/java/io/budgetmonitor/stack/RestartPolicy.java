package io.budgetmonitor.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When to restart a service that exited unexpectedly, and when to stop trying: a pure decision on
 * the service's exit times and the clock, so it is tested without processes.
 *
 * <p>Back-off doubles from {@code firstDelay} (1 s, 2 s, 4 s …, capped at {@code maxDelay}): a
 * service that dies at once on every start (a port taken, a broken database) must not spin two
 * cores. Exits older than {@code window} are forgotten, so a service that crashes once a day is
 * always restarted after the first delay; {@code maxRestarts} restarts within the window is the
 * limit, because past it a restart is hiding a fault rather than riding one out.
 */
record RestartPolicy(Duration firstDelay, Duration maxDelay, int maxRestarts, Duration window) {

    /** 1 s, 2 s, 4 s, 8 s, 16 s; the 6th exit within 10 minutes gives up. */
    static final RestartPolicy STANDARD =
            new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 5, Duration.ofMinutes(10));

    RestartPolicy {
        if (firstDelay.isNegative()
                || maxDelay.compareTo(firstDelay) < 0
                || maxRestarts < 0
                || window.isNegative()
                || window.isZero()) {
            throw new IllegalArgumentException("inconsistent restart policy: " + firstDelay + ", " + maxDelay + ", "
                    + maxRestarts + ", " + window);
        }
    }

    /** What to do about a service's latest exit. */
    sealed interface Decision {}

    /**
     * @param attempt which restart within the window this is (1 for the first)
     */
    record Restart(Duration delay, int attempt) implements Decision {}

    record GiveUp(int exits) implements Decision {}

    /**
     * @param exits the service's unexpected exit times, the latest included (at or before {@code now})
     */
    Decision decide(List<Instant> exits, Instant now) {
        Instant windowStart = now.minus(window);
        int recent = (int) exits.stream()
                .filter(exit -> exit.isAfter(windowStart) && !exit.isAfter(now))
                .count();
        if (recent == 0) {
            throw new IllegalArgumentException("no exit to decide on at " + now + " among " + exits);
        }
        if (recent > maxRestarts) {
            return new GiveUp(recent);
        }
        return new Restart(delayBefore(recent), recent);
    }

    private Duration delayBefore(int attempt) {
        Duration delay = firstDelay;
        for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** For messages: "5 restarts within 10 minutes". */
    String describe() {
        long millis = window.toMillis();
        String within = millis % 60_000 == 0
                ? window.toMinutes() + (millis == 60_000 ? " minute" : " minutes")
                : millis % 1000 == 0 ? window.toSeconds() + " s" : millis + " ms";
        return maxRestarts + (maxRestarts == 1 ? " restart" : " restarts") + " within " + within;
    }
}
