package io.budgetmonitor.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    final RestartPolicy policy = RestartPolicy.STANDARD;

    @Test
    void aFirstExitIsRestartedAfterOneSecond() {
        assertThat(policy.decide(List.of(T0), T0)).isEqualTo(new RestartPolicy.Restart(Duration.ofSeconds(1), 1));
    }

    @Test
    void theDelayDoublesWithEachExitInTheWindowAndTheSixthGivesUp() {
        List<Instant> exits = new ArrayList<>();
        List<RestartPolicy.Decision> decisions = new ArrayList<>();
        Instant now = T0;
        for (int exit = 0; exit < 6; exit++) {
            exits.add(now);
            decisions.add(policy.decide(exits, now));
            now = now.plusSeconds(40); // each restart lives a little while, all within 10 minutes
        }

        assertThat(decisions)
                .containsExactly(
                        new RestartPolicy.Restart(Duration.ofSeconds(1), 1),
                        new RestartPolicy.Restart(Duration.ofSeconds(2), 2),
                        new RestartPolicy.Restart(Duration.ofSeconds(4), 3),
                        new RestartPolicy.Restart(Duration.ofSeconds(8), 4),
                        new RestartPolicy.Restart(Duration.ofSeconds(16), 5),
                        new RestartPolicy.GiveUp(6));
    }

    @Test
    void exitsOlderThanTheWindowAreForgotten() {
        List<Instant> exits = List.of(
                T0,
                T0.plusSeconds(10),
                T0.plusSeconds(20),
                T0.plusSeconds(30),
                T0.plusSeconds(40),
                T0.plus(Duration.ofMinutes(10)).plusSeconds(35));

        // the first four fell out of the window: this is the second exit within it
        assertThat(policy.decide(exits, exits.get(5))).isEqualTo(new RestartPolicy.Restart(Duration.ofSeconds(2), 2));
    }

    @Test
    void aServiceThatCrashesOnceADayIsAlwaysRestartedPromptly() {
        List<Instant> exits = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            Instant exit = T0.plus(Duration.ofDays(day));
            exits.add(exit);
            assertThat(policy.decide(exits, exit)).isEqualTo(new RestartPolicy.Restart(Duration.ofSeconds(1), 1));
        }
    }

    @Test
    void theDelayIsCappedAtTheMaximum() {
        RestartPolicy patient =
                new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), 10, Duration.ofHours(1));
        List<Instant> exits = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            exits.add(T0.plusSeconds(i));
        }

        assertThat(patient.decide(exits, T0.plusSeconds(7)))
                .isEqualTo(new RestartPolicy.Restart(Duration.ofSeconds(5), 8));
    }

    @Test
    void aPolicyWithoutRestartsGivesUpAtOnce() {
        RestartPolicy never = new RestartPolicy(Duration.ZERO, Duration.ZERO, 0, Duration.ofMinutes(1));

        assertThat(never.decide(List.of(T0), T0)).isEqualTo(new RestartPolicy.GiveUp(1));
    }

    @Test
    void thereMustBeAnExitToDecideOn() {
        assertThatThrownBy(() -> policy.decide(List.of(), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.decide(List.of(T0.minus(Duration.ofHours(1))), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void itDescribesItsLimitForMessages() {
        assertThat(policy.describe()).isEqualTo("5 restarts within 10 minutes");
        assertThat(new RestartPolicy(Duration.ZERO, Duration.ZERO, 1, Duration.ofMinutes(1)).describe())
                .isEqualTo("1 restart within 1 minute");
        assertThat(new RestartPolicy(Duration.ZERO, Duration.ZERO, 3, Duration.ofSeconds(90)).describe())
                .isEqualTo("3 restarts within 90 s");
    }
}
