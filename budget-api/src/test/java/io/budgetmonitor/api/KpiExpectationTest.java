package io.budgetmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.KpiExpectation;
import io.budgetmonitor.api.values.TimeProgressCurve;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** 全年预计完成: counts projected by time progress, rates, levels and lower-is-better kept as they are. */
class KpiExpectationTest {

    private static final BigDecimal HALF = TimeProgressCurve.STRAIGHT_LINE.ratio(LocalDate.of(2021, 6, 30), 2021);

    @Test
    void aCountKpiIsProjectedByTimeProgress() {
        // the demo's 党员干部学习培训次数: 21 of 30 on 30 June is on course for 42 (140%)
        assertThat(KpiExpectation.cumulative(KpiDirection.HIGHER_IS_BETTER, "次"))
                .isTrue();
        assertThat(KpiExpectation.yearEnd(KpiDirection.HIGHER_IS_BETTER, "次", new BigDecimal("21"), HALF))
                .isEqualByComparingTo("42");
        // 招商引资任务: 7 of 12 → 14 (116.67%); on a front-loaded curve (60% by June) only 11.6667
        assertThat(KpiExpectation.yearEnd(KpiDirection.HIGHER_IS_BETTER, "个", new BigDecimal("7"), HALF))
                .isEqualByComparingTo("14");
        BigDecimal frontLoaded =
                TimeProgressCurve.parse("quarter-targets:0.35,0.60,0.80,1").ratio(LocalDate.of(2021, 6, 30), 2021);
        assertThat(KpiExpectation.yearEnd(KpiDirection.HIGHER_IS_BETTER, "个", new BigDecimal("7"), frontLoaded))
                .isEqualByComparingTo("11.6667");
    }

    @Test
    void ratesLevelsAndLowerIsBetterKeepTheirLatestValue() {
        BigDecimal ninety = new BigDecimal("90");
        assertThat(KpiExpectation.yearEnd(KpiDirection.HIGHER_IS_BETTER, "%", ninety, HALF))
                .isEqualTo(ninety);
        assertThat(KpiExpectation.yearEnd(KpiDirection.HIGHER_IS_BETTER, "分", ninety, HALF))
                .isEqualTo(ninety);
        assertThat(KpiExpectation.yearEnd(KpiDirection.LOWER_IS_BETTER, "次", ninety, HALF))
                .isEqualTo(ninety);
        assertThat(KpiExpectation.yearEnd(KpiDirection.QUALITATIVE, "定性", ninety, HALF))
                .isEqualTo(ninety);
        assertThat(KpiExpectation.yearEnd(KpiDirection.HIGHER_IS_BETTER, null, ninety, HALF))
                .isEqualTo(ninety);
    }

    @Test
    void noProjectionBeforeTheYearAtItsEndOrWithoutAValue() {
        assertThat(KpiExpectation.yearEnd(KpiDirection.HIGHER_IS_BETTER, "次", new BigDecimal("21"), BigDecimal.ZERO))
                .isEqualByComparingTo("21");
        assertThat(KpiExpectation.yearEnd(KpiDirection.HIGHER_IS_BETTER, "次", new BigDecimal("21"), BigDecimal.ONE))
                .isEqualByComparingTo("21");
        assertThat(KpiExpectation.yearEnd(KpiDirection.HIGHER_IS_BETTER, "次", null, HALF))
                .isNull();
        assertThat(KpiExpectation.cumulative(KpiDirection.HIGHER_IS_BETTER, " 人次 "))
                .isTrue();
    }
}
