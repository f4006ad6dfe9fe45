package io.budgetmonitor.scoring.projection;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.scoring.evaluation.EvaluationResult;
import io.budgetmonitor.scoring.evaluation.ScoringEngine;
import io.budgetmonitor.scoring.evaluation.ShijingInputs;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.LineInputs;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunRateProjectionTest {

    private static IndicatorInputs halfYear() {
        // 1,000,000.00 of GPB, 40% spent by 30 June (181 days), all in Q1/Q2
        LineInputs line = LineInputs.of(
                "G",
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PROJECT,
                ThreePublicCategory.NONE,
                true,
                Money.of("1000000.00"),
                Money.of("400000.00"),
                Money.ZERO,
                Money.ZERO);
        return new IndicatorInputs(
                "D",
                2021,
                null,
                null,
                List.of(),
                List.of(line),
                List.of(Money.of("150000.00"), Money.of("250000.00"), Money.ZERO, Money.ZERO),
                Money.ZERO,
                Money.ZERO,
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                false,
                0);
    }

    @Test
    void executionContinuesAtTheDailyRunRate() {
        IndicatorInputs projected = RunRateProjection.project(halfYear(), LocalDate.of(2021, 6, 30));
        // 400,000 × 365 / 181 = 806,629.83 (rounded down to the fen)
        assertThat(projected.lines().get(0).executed()).isEqualTo(Money.of("806629.83"));
        assertThat(projected.generalQuarterNet().get(0)).isEqualTo(Money.of("150000.00"));
        assertThat(projected.generalCumulative(4).amount())
                .isBetween(new java.math.BigDecimal("806000"), new java.math.BigDecimal("806700"));
    }

    @Test
    void nothingIsExtrapolatedAfterYearEndAndTheGoldenYearStays() {
        IndicatorInputs golden = ShijingInputs.inputs();
        assertThat(RunRateProjection.project(golden, LocalDate.of(2022, 1, 15))).isSameAs(golden);
        EvaluationResult result = new ScoringEngine()
                .evaluate(ShijingInputs.baiyun(), RunRateProjection.project(golden, LocalDate.of(2021, 12, 31)));
        assertThat(result.total()).isEqualByComparingTo("90.25");
    }

    @Test
    void spendingIsCappedAtWhatTheLineCanStillSpend() {
        LineInputs line = LineInputs.of(
                "G",
                FundSource.OTHER,
                ExpenditureType.PROJECT,
                ThreePublicCategory.NONE,
                false,
                Money.of("1000.00"),
                Money.of("900.00"),
                Money.ZERO,
                Money.ZERO);
        IndicatorInputs in = halfYear().with(List.of(line), halfYear().generalQuarterNet(), List.of());
        assertThat(RunRateProjection.project(in, LocalDate.of(2021, 3, 31))
                        .lines()
                        .get(0)
                        .executed())
                .isEqualTo(Money.of("1000.00"));
    }
}
