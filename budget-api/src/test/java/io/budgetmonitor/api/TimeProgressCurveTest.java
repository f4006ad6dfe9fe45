package io.budgetmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budgetmonitor.api.values.TimeProgressCurve;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** 序时进度曲线: each shape at quarter ends, inside a segment and outside the year. */
class TimeProgressCurveTest {

    static final TimeProgressCurve QUARTERS = TimeProgressCurve.parse("quarter-targets:0.20,0.45,0.70,1.00");
    static final TimeProgressCurve MONTHS =
            TimeProgressCurve.parse("monthly-targets:0.05,0.12,0.20,0.28,0.36,0.45,0.54,0.62,0.70,0.80,0.90,1.00");

    static String at(TimeProgressCurve curve, String date) {
        return curve.ratio(LocalDate.parse(date), 2021)
                .setScale(4, RoundingMode.HALF_UP)
                .toPlainString();
    }

    @ParameterizedTest(name = "straight line on {0}: {1}")
    @CsvSource({
        "2020-12-31, 0.0000", // before the year
        "2021-01-15, 0.0417", // half a month: 0.5 / 12
        "2021-03-31, 0.2500", // a quarter end lands exactly
        "2021-04-01, 0.2528", // 3 months and 1/30
        "2021-05-15, 0.3750", // 4.5 months
        "2021-06-30, 0.5000",
        "2021-02-28, 0.1667", // the last day of February counts as the whole month
        "2021-12-31, 1.0000",
        "2022-03-01, 1.0000" // after the year
    })
    void straightLine(String date, String expected) {
        assertThat(at(TimeProgressCurve.STRAIGHT_LINE, date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "quarter targets 20/45/70/100 on {0}: {1}")
    @CsvSource({
        "2020-12-31, 0.0000",
        "2021-02-15, 0.1000", // 1.5 months of the first 3: half of 20%
        "2021-03-31, 0.2000", // the quarter targets themselves at quarter ends
        "2021-05-15, 0.3250", // half-way from 20% to 45%
        "2021-06-30, 0.4500",
        "2021-09-30, 0.7000",
        "2021-11-15, 0.8500", // half-way from 70% to 100%
        "2021-12-31, 1.0000",
        "2022-01-01, 1.0000"
    })
    void quarterTargets(String date, String expected) {
        assertThat(at(QUARTERS, date)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "monthly targets on {0}: {1}")
    @CsvSource({
        "2021-01-31, 0.0500",
        "2021-02-15, 0.0850", // half-way from 5% to 12%
        "2021-03-31, 0.2000",
        "2021-06-30, 0.4500",
        "2021-10-15, 0.7500", // half-way from 70% to 80%
        "2021-12-31, 1.0000"
    })
    void monthlyTargets(String date, String expected) {
        assertThat(at(MONTHS, date)).isEqualTo(expected);
    }

    @Test
    void quarterEndsOfEachShape() {
        assertThat(TimeProgressCurve.STRAIGHT_LINE.quarterTargets())
                .containsExactlyElementsOf(decimals("0.25", "0.50", "0.75", "1.00"));
        assertThat(QUARTERS.quarterTargets()).containsExactlyElementsOf(decimals("0.20", "0.45", "0.70", "1.00"));
        assertThat(MONTHS.quarterTargets()).containsExactlyElementsOf(decimals("0.20", "0.45", "0.70", "1.00"));
    }

    /** Every day of a year: never falling, inside [0, 1], and 25/50/75/100% quarter targets are the straight line. */
    @Test
    void everyDayOfTheYear() {
        TimeProgressCurve even = TimeProgressCurve.quarterTargets(decimals("0.25", "0.50", "0.75", "1.00"));
        for (TimeProgressCurve curve : List.of(TimeProgressCurve.STRAIGHT_LINE, QUARTERS, MONTHS, even)) {
            BigDecimal previous = BigDecimal.ZERO;
            for (LocalDate day = LocalDate.of(2020, 12, 30);
                    day.isBefore(LocalDate.of(2022, 1, 3));
                    day = day.plusDays(1)) {
                BigDecimal value = curve.ratio(day, 2021);
                assertThat(value).as(curve + " on " + day).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
                assertThat(value).as(curve + " on " + day).isGreaterThanOrEqualTo(previous);
                previous = value;
                if (curve == even) {
                    assertThat(value.setScale(8, RoundingMode.HALF_UP))
                            .as("even quarters on " + day)
                            .isEqualByComparingTo(TimeProgressCurve.STRAIGHT_LINE
                                    .ratio(day, 2021)
                                    .setScale(8, RoundingMode.HALF_UP));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "zigzag|shape must be one of",
                "quarter-targets:0.2,0.45,0.7|needs 4 cumulative targets, had 3",
                "monthly-targets:0.5,1|needs 12 cumulative targets, had 2",
                "quarter-targets:0.3,0.2,0.7,1|must not fall",
                "quarter-targets:0.2,0.45,0.7,0.9|the last target must be 1",
                "quarter-targets:0,0.45,0.7,1|above 0 and at most 1",
                "quarter-targets:0.2,x,0.7,1|'x' is not a number",
                "straight-line:0.5|takes no targets"
            })
    void malformedCurvesAreRefusedSayingWhy(String text, String message) {
        assertThatThrownBy(() -> TimeProgressCurve.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aCurveReadsBackFromItsOwnSpelling() {
        for (TimeProgressCurve curve : List.of(TimeProgressCurve.STRAIGHT_LINE, QUARTERS, MONTHS)) {
            assertThat(TimeProgressCurve.parse(curve.toString())).isEqualTo(curve);
        }
        assertThat(TimeProgressCurve.parse("")).isEqualTo(TimeProgressCurve.STRAIGHT_LINE);
    }

    static List<BigDecimal> decimals(String... values) {
        return Arrays.stream(values).map(BigDecimal::new).toList();
    }
}
