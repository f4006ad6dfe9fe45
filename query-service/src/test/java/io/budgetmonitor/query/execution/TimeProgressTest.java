package io.budgetmonitor.query.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TimeProgressTest {
    private static String at(String date) {
        return Rates.text(TimeProgress.STRAIGHT_LINE.ratio(LocalDate.parse(date), 2021));
    }

    @Test
    void monthsElapsedOverTwelve() {
        assertThat(at("2021-05-15")).isEqualTo("0.3750");
        assertThat(at("2021-03-31")).isEqualTo("0.2500");
        assertThat(at("2021-06-30")).isEqualTo("0.5000");
        assertThat(at("2021-09-30")).isEqualTo("0.7500");
        assertThat(at("2021-12-31")).isEqualTo("1.0000");
        assertThat(at("2021-02-28")).isEqualTo("0.1667");
    }

    @Test
    void clampedToTheYear() {
        assertThat(at("2020-12-31")).isEqualTo("0.0000");
        assertThat(at("2022-03-01")).isEqualTo("1.0000");
    }
}
