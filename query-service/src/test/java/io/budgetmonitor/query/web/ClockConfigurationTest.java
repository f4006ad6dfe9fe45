package io.budgetmonitor.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.values.LocalityClock;
import io.budgetmonitor.query.execution.Rates;
import io.budgetmonitor.query.execution.TimeProgress;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** "Today" is the locality's date (石井, Asia/Shanghai), not UTC's. */
class ClockConfigurationTest {
    /** 17:30 UTC on 31 March is 01:30 on 1 April in Shanghai (UTC+8). */
    private static final Instant LATE_ON_31_MARCH_UTC = Instant.parse("2021-03-31T17:30:00Z");

    @Test
    void aUtcInstantLateOn31MarchIsAlready1AprilInShanghai() {
        Clock utc = Clock.fixed(LATE_ON_31_MARCH_UTC, ZoneOffset.UTC);
        Clock local = LocalityClock.of(utc, LocalityClock.DEFAULT_ZONE);

        assertThat(LocalDate.now(utc)).isEqualTo(LocalDate.of(2021, 3, 31));
        assertThat(LocalDate.now(local)).isEqualTo(LocalDate.of(2021, 4, 1));
        assertThat(local.instant()).as("only dates move, not instants").isEqualTo(LATE_ON_31_MARCH_UTC);
        // so 序时进度 has left the first quarter: 1 April is 3 months and 1/30
        assertThat(Rates.text(TimeProgress.STRAIGHT_LINE.ratio(LocalDate.now(local), 2021)))
                .isEqualTo("0.2528");
    }

    @Test
    void theZoneIsConfigurationAndDefaultsToShanghai() {
        Clock utc = Clock.fixed(LATE_ON_31_MARCH_UTC, ZoneOffset.UTC);
        assertThat(LocalityClock.of(utc, "UTC").getZone().getId()).isEqualTo("UTC");
        assertThat(LocalDate.now(LocalityClock.of(utc, "UTC"))).isEqualTo(LocalDate.of(2021, 3, 31));
        assertThat(LocalityClock.of(utc, null).getZone().getId()).isEqualTo("Asia/Shanghai");
        assertThat(new ClockConfiguration().clock("Asia/Shanghai").getZone().getId())
                .isEqualTo("Asia/Shanghai");
    }
}
