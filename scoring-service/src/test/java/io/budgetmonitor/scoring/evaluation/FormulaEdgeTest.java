package io.budgetmonitor.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.scoring.inputs.BonusPenalty;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.KpiInputs;
import io.budgetmonitor.scoring.inputs.LineInputs;
import io.budgetmonitor.scoring.inputs.QualitativeDeduction;
import io.budgetmonitor.scoring.rubric.Rubric;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every formula kind at and around its boundaries, with the baiyun-2022 rules. */
class FormulaEdgeTest {

    private static final Rubric RUBRIC = ShijingInputs.baiyun();
    private static final ScoringEngine ENGINE = new ScoringEngine();
    private static final List<Money> NO_QUARTERS = List.of(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    @Nested
    class StepDeduction {

        @ParameterizedTest(name = "reclaimed {0} of 100,000,000.00 → {1}, {2} points")
        @CsvSource({
            "0.00, 0.0000, 2.00",
            "4990000.00, 0.0499, 2.00",
            "4999949.99, 0.0500, 1.50", // the rate is rounded to 4 decimals first: 4.99995% is 5.00%
            "5000000.00, 0.0500, 1.50",
            "9990000.00, 0.0999, 1.50",
            "10000000.00, 0.1000, 1.00",
            "14990000.00, 0.1499, 1.00",
            "15000000.00, 0.1500, 0.50",
            "19990000.00, 0.1999, 0.50",
            "20000000.00, 0.2000, 0.00",
            "45000000.00, 0.4500, 0.00"
        })
        void appropriationVarianceDeductsPerFullStepWithTheEdgeCounting(String reclaimed, String rate, String points) {
            LineInputs line = LineInputs.of(
                    "L",
                    FundSource.GENERAL_PUBLIC_BUDGET,
                    ExpenditureType.PROJECT,
                    ThreePublicCategory.NONE,
                    true,
                    Money.of("100000000.00"),
                    Money.of("100000000.00").minus(Money.of(reclaimed)),
                    Money.of(reclaimed),
                    Money.ZERO);
            EvaluationResult result = evaluate(inputs(List.of(line)));
            assertThat(result.indicator("A1.4").orElseThrow().value()).isEqualTo(rate);
            assertThat(result.indicator("A1.4").orElseThrow().points()).isEqualByComparingTo(points);
        }

        @Test
        void positiveCarryOverDeductsByTheStatedAssumption() {
            LineInputs line = LineInputs.of(
                    "L",
                    FundSource.GENERAL_PUBLIC_BUDGET,
                    ExpenditureType.PROJECT,
                    ThreePublicCategory.NONE,
                    true,
                    Money.of("1000.00"),
                    Money.of("900.00"),
                    Money.ZERO,
                    Money.of("50.00"));
            IndicatorScore a16 =
                    evaluate(inputs(List.of(line))).indicator("A1.6").orElseThrow();
            // 50 carried over + 50 left over of 1000 = 10%: two steps
            assertThat(a16.value()).isEqualTo("0.1000");
            assertThat(a16.points()).isEqualByComparingTo("1.00");
            assertThat(a16.explanation()).contains("评价方案假设");
        }

        @Test
        void noAppropriationBudgetIsNotApplicableNotADivisionError() {
            IndicatorScore a14 = evaluate(inputs(List.of())).indicator("A1.4").orElseThrow();
            assertThat(a14.notApplicable()).isTrue();
            assertThat(a14.value()).isNull();
            assertThat(a14.points()).isEqualByComparingTo("2");
            assertThat(a14.explanation()).contains("不适用");
        }
    }

    @Nested
    class RateTimesMax {

        @ParameterizedTest(name = "executed {0} of 1000.00 → {1} points")
        @CsvSource({"0.00, 0.00", "500.00, 1.00", "936.59, 1.87", "999.99, 2.00", "1000.00, 2.00", "1050.00, 2.00"})
        void budgetCompletionIsCappedAtFullPoints(String executed, String points) {
            LineInputs line = LineInputs.of(
                    "L",
                    FundSource.OTHER,
                    ExpenditureType.PROJECT,
                    ThreePublicCategory.NONE,
                    false,
                    Money.of("1000.00"),
                    Money.of(executed),
                    Money.ZERO,
                    Money.ZERO);
            assertThat(evaluate(inputs(List.of(line)))
                            .indicator("A1.1")
                            .orElseThrow()
                            .points())
                    .isEqualByComparingTo(points);
        }

        @Test
        void aRateAbove100PercentIsReportedAsIsButScoresMax() {
            LineInputs line = LineInputs.of(
                    "L",
                    FundSource.OTHER,
                    ExpenditureType.PROJECT,
                    ThreePublicCategory.NONE,
                    false,
                    Money.of("1000.00"),
                    Money.of("1050.00"),
                    Money.ZERO,
                    Money.ZERO);
            IndicatorScore a11 =
                    evaluate(inputs(List.of(line))).indicator("A1.1").orElseThrow();
            assertThat(a11.value()).isEqualTo("1.0500");
            assertThat(a11.explanation()).contains("达到100%");
        }

        @Test
        void zeroBudgetIsNotApplicable() {
            IndicatorScore a11 = evaluate(inputs(List.of())).indicator("A1.1").orElseThrow();
            assertThat(a11.notApplicable()).isTrue();
            assertThat(a11.points()).isEqualByComparingTo("2");
        }

        @Test
        void assetUtilization() {
            IndicatorInputs base = inputs(List.of());
            assertThat(evaluate(withAssets(base, "9993.00", "10000.00"))
                            .indicator("A4.3")
                            .orElseThrow()
                            .points())
                    .isEqualByComparingTo("2.00");
            assertThat(evaluate(withAssets(base, "5000.00", "10000.00"))
                            .indicator("A4.3")
                            .orElseThrow()
                            .points())
                    .isEqualByComparingTo("1.00");
            assertThat(evaluate(withAssets(base, "0.00", "0.00"))
                            .indicator("A4.3")
                            .orElseThrow()
                            .notApplicable())
                    .isTrue();
            assertThat(evaluate(base).indicator("A4.3").orElseThrow().notApplicable())
                    .isTrue();
        }
    }

    @Nested
    class ControlRate {

        @ParameterizedTest(name = "three-public spending {0} of 1000.00 → {1} points")
        @CsvSource({
            "645.90, 2.00",
            "1000.00, 2.00",
            "1049.90, 2.00",
            "1050.00, 1.50",
            "1099.90, 1.50",
            "1100.00, 1.00",
            "1400.00, 0.00",
            "2000.00, 0.00"
        })
        void fullUpTo100PercentThenTheStatedStepRule(String executed, String points) {
            LineInputs line = LineInputs.of(
                    "CAR",
                    FundSource.GENERAL_PUBLIC_BUDGET,
                    ExpenditureType.PROJECT,
                    ThreePublicCategory.OFFICIAL_RECEPTION,
                    true,
                    Money.of("1000.00"),
                    Money.of(executed),
                    Money.ZERO,
                    Money.ZERO);
            assertThat(evaluate(inputs(List.of(line)))
                            .indicator("A5.2")
                            .orElseThrow()
                            .points())
                    .isEqualByComparingTo(points);
        }

        @Test
        void noPublicExpenseBudgetIsNotApplicable() {
            IndicatorScore a51 = evaluate(inputs(List.of())).indicator("A5.1").orElseThrow();
            assertThat(a51.notApplicable()).isTrue();
            assertThat(a51.points()).isEqualByComparingTo("2");
        }
    }

    @Nested
    class Procurement {

        @ParameterizedTest(name = "actual {0}, plan {1} → {2}")
        @CsvSource({
            "0.00, 0.00, 2.00",
            "100.00, 0.00, 0.00",
            "0.00, 100.00, 2.00",
            "99.99, 100.00, 2.00",
            "100.00, 100.00, 2.00",
            "100.01, 100.00, 0.00"
        })
        void planRules(String actual, String plan, String points) {
            IndicatorInputs base = inputs(List.of());
            IndicatorInputs in = new IndicatorInputs(
                    base.department(),
                    base.fiscalYear(),
                    null,
                    null,
                    List.of(),
                    List.of(),
                    NO_QUARTERS,
                    Money.of(actual),
                    Money.of(plan),
                    null,
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    false,
                    0);
            assertThat(evaluate(in).indicator("A2.1").orElseThrow().points()).isEqualByComparingTo(points);
        }
    }

    @Nested
    class Qualitative {

        @Test
        void deductionsAddUpAndStopAtZero() {
            IndicatorInputs in = withDeductions(List.of(deduction("A1.2", "1"), deduction("A1.2", "0.5")));
            assertThat(evaluate(in).indicator("A1.2").orElseThrow().points()).isEqualByComparingTo("1.50");
            in = withDeductions(List.of(deduction("A1.3", "1.5"), deduction("A1.3", "1.5")));
            IndicatorScore a13 = evaluate(in).indicator("A1.3").orElseThrow();
            assertThat(a13.points()).isEqualByComparingTo("0");
            assertThat(a13.deductions()).hasSize(2);
        }

        @Test
        void noDeductionIsFullPoints() {
            assertThat(evaluate(inputs(List.of()))
                            .indicator("A6.2")
                            .orElseThrow()
                            .points())
                    .isEqualByComparingTo("2");
        }
    }

    @Nested
    class Kpis {

        @Test
        void completionRateIsMetOverDeclared() {
            List<KpiInputs> kpis = new ArrayList<>();
            kpis.add(kpi("B1.1", KpiDirection.HIGHER_IS_BETTER, "100", "100", null));
            kpis.add(kpi("B1.2", KpiDirection.HIGHER_IS_BETTER, "100", "99.99", null));
            kpis.add(kpi("B1.3", KpiDirection.QUALITATIVE, null, null, true));
            IndicatorScore a64 = evaluate(withKpis(kpis)).indicator("A6.4").orElseThrow();
            assertThat(a64.value()).isEqualTo("0.6667");
            assertThat(a64.points()).isEqualByComparingTo("1.33");
        }

        @Test
        void noKpisDeclaredIsNotApplicableForA64AndZeroForTheTasks() {
            EvaluationResult result = evaluate(inputs(List.of()));
            assertThat(result.indicator("A6.4").orElseThrow().notApplicable()).isTrue();
            assertThat(result.indicator("B1").orElseThrow().points()).isEqualByComparingTo("0");
            assertThat(result.indicator("B1").orElseThrow().max()).isEqualByComparingTo("8");
        }

        @ParameterizedTest(name = "{0} target {1} actual {2} met {3} → completion {4}, {5} points")
        @CsvSource(
                nullValues = "null",
                value = {
                    "HIGHER_IS_BETTER, 15, 112, null, 7.4667, 2.00",
                    "HIGHER_IS_BETTER, 100, 0, null, 0.0000, 0.00",
                    "HIGHER_IS_BETTER, 100, 50, null, 0.5000, 1.00",
                    "HIGHER_IS_BETTER, 0, 0, null, 1.0000, 2.00",
                    "HIGHER_IS_BETTER, 100, null, null, null, 0.00",
                    "LOWER_IS_BETTER, 10, 20, null, 0.5000, 1.00",
                    "LOWER_IS_BETTER, 10, 5, null, 2.0000, 2.00",
                    "LOWER_IS_BETTER, 10, 0, null, 1.0000, 2.00",
                    "LOWER_IS_BETTER, 0, 3, null, 0.0000, 0.00",
                    "QUALITATIVE, null, null, true, 1.0000, 2.00",
                    "QUALITATIVE, null, null, false, 0.0000, 0.00",
                    "QUALITATIVE, null, null, null, null, 0.00"
                })
        void kpiPoints(
                KpiDirection direction, String target, String actual, Boolean met, String completion, String points) {
            KpiScore score = KpiScoring.score(kpi("B1.1", direction, target, actual, met));
            assertThat(score.completion()).isEqualTo(completion);
            assertThat(score.points()).isEqualByComparingTo(points);
            assertThat(score.met())
                    .isEqualTo(completion != null && new BigDecimal(completion).compareTo(BigDecimal.ONE) >= 0);
        }
    }

    @Nested
    class QuarterlyAverage {

        @Test
        void everyQuarterOnTargetIsFullPoints() {
            LineInputs line = gpb("1000.00", "1000.00");
            IndicatorInputs in = withQuarters(List.of(line), "250.00", "250.00", "250.00", "250.00");
            IndicatorScore a15 = evaluate(in).indicator("A1.5").orElseThrow();
            assertThat(a15.value()).isEqualTo("1.0000");
            assertThat(a15.points()).isEqualByComparingTo("2");
        }

        @Test
        void aheadOfTimeProgressIsCappedPerQuarter() {
            // Q1 100% of the year (capped at 1), then nothing more: Q2..Q4 also 1 → 100%
            IndicatorInputs in = withQuarters(List.of(gpb("1000.00", "1000.00")), "1000.00", "0.00", "0.00", "0.00");
            assertThat(evaluate(in).indicator("A1.5").orElseThrow().value()).isEqualTo("1.0000");
            // nothing until Q4, then all: (0 + 0 + 0 + 1) / 4
            in = withQuarters(List.of(gpb("1000.00", "1000.00")), "0.00", "0.00", "0.00", "1000.00");
            IndicatorScore a15 = evaluate(in).indicator("A1.5").orElseThrow();
            assertThat(a15.value()).isEqualTo("0.2500");
            assertThat(a15.points()).isEqualByComparingTo("0.50");
        }

        @Test
        void theYearsOwnTargetsWin() {
            IndicatorInputs base =
                    withQuarters(List.of(gpb("1000.00", "1000.00")), "200.00", "250.00", "250.00", "300.00");
            IndicatorInputs in = new IndicatorInputs(
                    base.department(),
                    base.fiscalYear(),
                    null,
                    null,
                    List.of(new BigDecimal("0.20"), new BigDecimal("0.45"), new BigDecimal("0.70"), BigDecimal.ONE),
                    base.lines(),
                    base.generalQuarterNet(),
                    Money.ZERO,
                    Money.ZERO,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    false,
                    0);
            assertThat(evaluate(in).indicator("A1.5").orElseThrow().value()).isEqualTo("1.0000");
            // with the rubric's 25/50/75/100 the same spending is behind in Q1: 0.8, 0.9, 0.9333, 1
            assertThat(evaluate(base).indicator("A1.5").orElseThrow().value()).isEqualTo("0.9083");
        }

        @Test
        void noGeneralPublicBudgetIsNotApplicable() {
            assertThat(evaluate(inputs(List.of()))
                            .indicator("A1.5")
                            .orElseThrow()
                            .notApplicable())
                    .isTrue();
        }
    }

    @Nested
    class BonusPenaltyClamp {

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({"'', 0.00", "3, 3.00", "'3,4', 5.00", "-8, -5.00", "'2,-4', -2.00", "'5,-5', 0.00"})
        void clampedToPlusMinusFive(String points, String expected) {
            List<BonusPenalty> recorded = points.isEmpty()
                    ? List.of()
                    : java.util.Arrays.stream(points.split(","))
                            .map(p -> new BonusPenalty(new BigDecimal(p), "表彰/批评", LocalDate.of(2021, 6, 1)))
                            .toList();
            IndicatorInputs base = inputs(List.of());
            IndicatorInputs in = new IndicatorInputs(
                    base.department(),
                    base.fiscalYear(),
                    null,
                    null,
                    List.of(),
                    List.of(),
                    NO_QUARTERS,
                    Money.ZERO,
                    Money.ZERO,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    recorded,
                    false,
                    0);
            assertThat(evaluate(in).indicator("B7").orElseThrow().points()).isEqualByComparingTo(expected);
        }
    }

    @Nested
    class Grades {

        @ParameterizedTest(name = "{0} → {1}")
        @CsvSource({"100, 优", "90.00, 优", "89.99, 良", "80.00, 良", "79.99, 中", "60.00, 中", "59.99, 差", "0, 差", "-3, 差"})
        void bandEdges(String total, String grade) {
            assertThat(RUBRIC.gradeOf(new BigDecimal(total))).isEqualTo(grade);
        }
    }

    private static EvaluationResult evaluate(IndicatorInputs in) {
        return ENGINE.evaluate(RUBRIC, in);
    }

    private static IndicatorInputs inputs(List<LineInputs> lines) {
        return new IndicatorInputs(
                "D",
                2021,
                "部门",
                "baiyun-2022",
                List.of(),
                lines,
                NO_QUARTERS,
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

    private static IndicatorInputs withAssets(IndicatorInputs base, String inUse, String total) {
        return new IndicatorInputs(
                "D",
                2021,
                null,
                null,
                List.of(),
                base.lines(),
                NO_QUARTERS,
                Money.ZERO,
                Money.ZERO,
                Money.of(inUse),
                Money.of(total),
                List.of(),
                List.of(),
                List.of(),
                false,
                0);
    }

    private static IndicatorInputs withDeductions(List<QualitativeDeduction> deductions) {
        return new IndicatorInputs(
                "D",
                2021,
                null,
                null,
                List.of(),
                List.of(),
                NO_QUARTERS,
                Money.ZERO,
                Money.ZERO,
                null,
                null,
                List.of(),
                deductions,
                List.of(),
                false,
                0);
    }

    private static IndicatorInputs withKpis(List<KpiInputs> kpis) {
        return new IndicatorInputs(
                "D",
                2021,
                null,
                null,
                List.of(),
                List.of(),
                NO_QUARTERS,
                Money.ZERO,
                Money.ZERO,
                null,
                null,
                kpis,
                List.of(),
                List.of(),
                false,
                0);
    }

    private static IndicatorInputs withQuarters(List<LineInputs> lines, String q1, String q2, String q3, String q4) {
        return new IndicatorInputs(
                "D",
                2021,
                null,
                null,
                List.of(),
                lines,
                List.of(Money.of(q1), Money.of(q2), Money.of(q3), Money.of(q4)),
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

    private static LineInputs gpb(String budget, String executed) {
        return LineInputs.of(
                "G",
                FundSource.GENERAL_PUBLIC_BUDGET,
                ExpenditureType.PROJECT,
                ThreePublicCategory.NONE,
                true,
                Money.of(budget),
                Money.of(executed),
                Money.ZERO,
                Money.ZERO);
    }

    private static QualitativeDeduction deduction(String indicator, String points) {
        return new QualitativeDeduction(indicator, new BigDecimal(points), "原因", "评价人", LocalDate.of(2022, 1, 1));
    }

    private static KpiInputs kpi(String code, KpiDirection direction, String target, String actual, Boolean met) {
        return new KpiInputs(
                code,
                code.substring(0, 2),
                "指标" + code,
                direction,
                target == null ? null : new BigDecimal(target),
                null,
                null,
                new BigDecimal("2"),
                actual == null ? null : new BigDecimal(actual),
                met,
                null);
    }
}
