package io.budgetmonitor.scoring.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 序时进度 at a date: a straight line through the year's cumulative quarter targets, day by day. */
class TimeProgressTest {

    static final List<BigDecimal> STRAIGHT =
            List.of(new BigDecimal("0.25"), new BigDecimal("0.50"), new BigDecimal("0.75"), new BigDecimal("1.00"));

    static String at(List<BigDecimal> targets, String day) {
        return TimeProgress.at(targets, 2021, LocalDate.parse(day))
                .setScale(4, RoundingMode.HALF_UP)
                .toPlainString();
    }

    @Test
    void eachQuarterEndIsItsTargetAndTheDaysBetweenAreAStraightLine() {
        assertThat(at(STRAIGHT, "2021-03-31")).isEqualTo("0.2500");
        assertThat(at(STRAIGHT, "2021-06-30")).isEqualTo("0.5000");
        assertThat(at(STRAIGHT, "2021-12-31")).isEqualTo("1.0000");
        // 3 of Q3's 92 days: 0.50 + 0.25 × 3/92
        assertThat(at(STRAIGHT, "2021-07-03")).isEqualTo("0.5082");
        // 45 of Q2's 91 days
        assertThat(at(STRAIGHT, "2021-05-15")).isEqualTo("0.3736");
    }

    @Test
    void unevenTargetsAndDatesOutsideTheYear() {
        List<BigDecimal> slow =
                List.of(new BigDecimal("0.10"), new BigDecimal("0.40"), new BigDecimal("0.70"), BigDecimal.ONE);
        assertThat(at(slow, "2021-03-31")).isEqualTo("0.1000");
        // 1 of Q2's 91 days: 0.10 + 0.30 / 91
        assertThat(at(slow, "2021-04-01")).isEqualTo("0.1033");
        assertThat(at(slow, "2020-12-31")).isEqualTo("0.0000");
        assertThat(at(slow, "2022-01-15")).isEqualTo("1.0000");
    }
}
