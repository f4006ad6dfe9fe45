package io.budgetmonitor.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Where a series has its points: each week's Sunday or month's end up to the day asked about, then that day. */
class SeriesDatesTest {

    @Test
    void monthsEndOnTheirLastDayAndTheSeriesOnTheDayAskedAbout() {
        assertThat(SeriesQueries.dates(2021, SeriesQueries.Interval.MONTH, LocalDate.of(2021, 3, 15)))
                .containsExactly(LocalDate.of(2021, 1, 31), LocalDate.of(2021, 2, 28), LocalDate.of(2021, 3, 15));
        assertThat(SeriesQueries.dates(2021, SeriesQueries.Interval.MONTH, LocalDate.of(2021, 12, 31)))
                .hasSize(12)
                .endsWith(LocalDate.of(2021, 11, 30), LocalDate.of(2021, 12, 31));
    }

    @Test
    void weeksEndOnSundaysAndTheFirstDayOfTheYearIsAPointOfItsOwn() {
        // 1 January 2021 was a Friday
        assertThat(SeriesQueries.dates(2021, SeriesQueries.Interval.WEEK, LocalDate.of(2021, 1, 1)))
                .containsExactly(LocalDate.of(2021, 1, 1));
        assertThat(SeriesQueries.dates(2021, SeriesQueries.Interval.WEEK, LocalDate.of(2021, 1, 12)))
                .containsExactly(LocalDate.of(2021, 1, 3), LocalDate.of(2021, 1, 10), LocalDate.of(2021, 1, 12));
        assertThat(SeriesQueries.dates(2021, SeriesQueries.Interval.WEEK, LocalDate.of(2021, 12, 31)))
                .hasSize(53)
                .endsWith(LocalDate.of(2021, 12, 26), LocalDate.of(2021, 12, 31));
    }
}
