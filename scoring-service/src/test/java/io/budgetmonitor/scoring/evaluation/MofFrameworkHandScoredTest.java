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
import io.budgetmonitor.scoring.rubric.RubricLoader;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second rubric ({@code mof-dept-2020}: 决策 / 过程 / 产出 / 效益) on a made-up year of a district
 * health bureau (区卫生健康局, 2023), every figure worked out by hand below and asserted to the cent.
 *
 * <pre>
 * Ledger (yuan; all lines general public budget and appropriations):
 *   L1 personnel          budget 6,000,000.00  executed 5,880,000.00                      surplus 120,000.00
 *   L2 public expense,    budget   200,000.00  executed   150,000.00                      surplus  50,000.00
 *      official reception (三公经费)
 *   L3 project            budget 3,800,000.00  executed 3,420,000.00  carried over 380,000.00  surplus 0
 *   total                 budget 10,000,000.00 executed 9,450,000.00
 * GPB net disbursements per quarter: 2,000,000 / 2,600,000 / 2,900,000 / 1,950,000
 *   (cumulative 2.0M, 4.6M, 7.5M, 9.45M). The year states no quarter targets, so the rubric's curve
 *   (STRAIGHT_LINE → 25/50/75/100% at quarter ends) applies.
 * Procurement: plan 800,000.00, actual 760,000.00.
 * Deductions recorded: D1.2 −1 (targets not quantified), P1.4 −0.5, P2.2 −1.
 *
 * 决策 D (15)
 *   D1.1 绩效目标合理性  qualitative 3, no deduction                        = 3
 *   D1.2 绩效指标明确性  qualitative 3 − 1                                   = 2
 *   D1 = 5
 *   D2.1 预算编制科学性  qualitative 5                                       = 5
 *   D2.2 资金分配合理性  qualitative 4                                       = 4
 *   D2 = 9                                                              D = 14
 * 过程 P (25)
 *   P1.1 预算执行率  9,450,000 ÷ 10,000,000 = 0.9450; 5 × 0.9450 = 4.725 → 4.73 (HALF_UP)
 *   P1.2 支出进度   Q1 2.0M ÷ (10M × 0.25) = 0.80; Q2 4.6M ÷ 5M = 0.92; Q3 7.5M ÷ 7.5M = 1;
 *                  Q4 9.45M ÷ 10M = 0.945; mean = 3.665 ÷ 4 = 0.91625 → 0.9163;
 *                  3 × 0.9163 = 2.7489 → 2.75
 *   P1.3 结转结余率 (380,000 carried + 120,000 + 50,000 surplus) ÷ 10,000,000 = 0.0550;
 *                  full 2.0% steps: floor(0.055 ÷ 0.02) = 2; 3 − 2 × 0.5 = 2
 *   P1.4 资金使用合规性 qualitative 5 − 0.5                               = 4.5
 *   P1 = 4.73 + 2.75 + 2 + 4.5 = 13.98
 *   P2.1 管理制度健全性 qualitative 2                                       = 2
 *   P2.2 制度执行有效性 qualitative 3 − 1                                   = 2
 *   P2.3 政府采购执行率 760,000 ÷ 800,000 = 0.95 ≤ 1                        = 2
 *   P2.4 “三公经费”控制率 150,000 ÷ 200,000 = 0.75 ≤ 1                      = 2
 *   P2 = 8                                                              P = 21.98
 * 产出 O (35): a KPI scores declared × min(actual ÷ target, 1) (target ÷ actual when lower is better)
 *   O1 产出数量  K1 家庭医生签约人数 52,000 of ≥ 50,000 → 1.04 → 6 of 6
 *               K2 免费健康体检人次 18,500 of ≥ 20,000 → 0.925 → 6 × 0.925 = 5.55
 *               O1 = 11.55 of 12
 *   O2 产出质量  K3 传染病报告及时率 97 of ≥ 95 → 5; K4 慢病规范管理率 54 of ≥ 60 → 0.9 → 4.5
 *               O2 = 9.5 of 10
 *   O3 产出时效  K5 项目按期完成率 92 of ≥ 100 → 0.92 → 8 × 0.92 = 7.36 of 8
 *   O4 产出成本  K6 人均体检成本 160 yuan, lower is better, target ≤ 150 → 150 ÷ 160 = 0.9375;
 *               5 × 0.9375 = 4.6875 → 4.69 of 5
 *                                                                    O = 11.55 + 9.5 + 7.36 + 4.69 = 33.10
 * 效益 E (25)
 *   E1 实施效益  K7 电子健康档案建档率 91 of ≥ 90 → 8; K8 无重大公共卫生事件 (qualitative, met) → 7
 *               E1 = 15 of 15
 *   E2 满意度   K9 服务对象满意度 86 of ≥ 90 → 86 ÷ 90 = 0.95555… → 0.9556; 10 × 0.9556 = 9.556 → 9.56
 *                                                                    E = 24.56
 * Total = 14 + 21.98 + 33.10 + 24.56 = 93.64 → 优 (90 and above).
 * </pre>
 */
class MofFrameworkHandScoredTest {

    private static EvaluationResult result;

    static Rubric mof() {
        try (InputStream in = MofFrameworkHandScoredTest.class.getResourceAsStream("/rubrics/mof-dept-2020.yaml")) {
            return new RubricLoader().load(in.readAllBytes(), "mof-dept-2020.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static IndicatorInputs healthBureau2023() {
        LocalDate on = LocalDate.of(2023, 12, 31);
        return new IndicatorInputs(
                "WJ",
                2023,
                "区卫生健康局",
                "mof-dept-2020",
                List.of(), // no quarter targets stated: the rubric's curve applies
                List.of(
                        line(
                                "L1",
                                ExpenditureType.PERSONNEL,
                                ThreePublicCategory.NONE,
                                "6000000.00",
                                "5880000.00",
                                "0"),
                        line(
                                "L2",
                                ExpenditureType.PUBLIC_EXPENSE,
                                ThreePublicCategory.OFFICIAL_RECEPTION,
                                "200000.00",
                                "150000.00",
                                "0"),
                        line(
                                "L3",
                                ExpenditureType.PROJECT,
                                ThreePublicCategory.NONE,
                                "3800000.00",
                                "3420000.00",
                                "380000.00")),
                List.of(Money.of("2000000.00"), Money.of("2600000.00"), Money.of("2900000.00"), Money.of("1950000.00")),
                Money.of("760000.00"),
                Money.of("800000.00"),
                null,
                null,
                List.of(
                        kpi("K1", "O1", "家庭医生签约人数", KpiDirection.HIGHER_IS_BETTER, "50000", "52000", "6", null),
                        kpi("K2", "O1", "免费健康体检人次", KpiDirection.HIGHER_IS_BETTER, "20000", "18500", "6", null),
                        kpi("K3", "O2", "传染病报告及时率", KpiDirection.HIGHER_IS_BETTER, "95", "97", "5", null),
                        kpi("K4", "O2", "慢性病患者规范管理率", KpiDirection.HIGHER_IS_BETTER, "60", "54", "5", null),
                        kpi("K5", "O3", "项目按期完成率", KpiDirection.HIGHER_IS_BETTER, "100", "92", "8", null),
                        kpi("K6", "O4", "人均体检成本", KpiDirection.LOWER_IS_BETTER, "150", "160", "5", null),
                        kpi("K7", "E1", "居民电子健康档案建档率", KpiDirection.HIGHER_IS_BETTER, "90", "91", "8", null),
                        kpi("K8", "E1", "无重大公共卫生事件", KpiDirection.QUALITATIVE, null, null, "7", true),
                        kpi("K9", "E2", "服务对象满意度", KpiDirection.HIGHER_IS_BETTER, "90", "86", "10", null)),
                List.of(
                        new QualitativeDeduction("D1.2", new BigDecimal("1"), "部分绩效指标未细化量化", "区财政局", on),
                        new QualitativeDeduction("P1.4", new BigDecimal("0.5"), "个别支出报销手续不全", "区财政局", on),
                        new QualitativeDeduction("P2.2", new BigDecimal("1"), "内控制度执行记录不完整", "区财政局", on)),
                List.<BonusPenalty>of(),
                true,
                1);
    }

    @BeforeAll
    static void evaluate() {
        result = new ScoringEngine().evaluate(mof(), healthBureau2023());
    }

    @Test
    void everyIndicatorAsWorkedOutByHand() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("D1", "5");
        expected.put("D1.1", "3");
        expected.put("D1.2", "2");
        expected.put("D2", "9");
        expected.put("D2.1", "5");
        expected.put("D2.2", "4");
        expected.put("P1", "13.98");
        expected.put("P1.1", "4.73");
        expected.put("P1.2", "2.75");
        expected.put("P1.3", "2");
        expected.put("P1.4", "4.5");
        expected.put("P2", "8");
        expected.put("P2.1", "2");
        expected.put("P2.2", "2");
        expected.put("P2.3", "2");
        expected.put("P2.4", "2");
        expected.put("O1", "11.55");
        expected.put("O2", "9.5");
        expected.put("O3", "7.36");
        expected.put("O4", "4.69");
        expected.put("E1", "15");
        expected.put("E2", "9.56");
        expected.forEach((code, points) -> assertThat(
                        result.indicator(code).orElseThrow().points())
                .as(code)
                .isEqualByComparingTo(points));
        assertThat(result.indicators()).hasSize(expected.size());
    }

    @Test
    void ratesAsWorkedOut() {
        assertThat(value("P1.1")).isEqualTo("0.9450");
        assertThat(value("P1.2")).isEqualTo("0.9163");
        assertThat(value("P1.3")).isEqualTo("0.0550");
        assertThat(value("P2.3")).isEqualTo("0.9500");
        assertThat(value("P2.4")).isEqualTo("0.7500");
        // the rubric's straight line gave the quarter targets
        assertThat(result.indicator("P1.2").orElseThrow().inputs())
                .containsEntry("q1Target", "0.25")
                .containsEntry("q4Target", "1.00");
    }

    @Test
    void dimensionsTotalAndGrade() {
        assertThat(result.parts().get("D").points()).isEqualByComparingTo("14");
        assertThat(result.parts().get("P").points()).isEqualByComparingTo("21.98");
        assertThat(result.parts().get("O").points()).isEqualByComparingTo("33.10");
        assertThat(result.parts().get("E").points()).isEqualByComparingTo("24.56");
        assertThat(result.total()).isEqualByComparingTo("93.64");
        assertThat(result.max()).isEqualByComparingTo("100");
        assertThat(result.grade()).isEqualTo("优");
    }

    private static String value(String code) {
        return result.indicator(code).orElseThrow().value();
    }

    private static LineInputs line(
            String code,
            ExpenditureType type,
            ThreePublicCategory threePublic,
            String budget,
            String executed,
            String carried) {
        return LineInputs.of(
                code,
                FundSource.GENERAL_PUBLIC_BUDGET,
                type,
                threePublic,
                true,
                Money.of(budget),
                Money.of(executed),
                Money.ZERO,
                Money.of(carried));
    }

    private static KpiInputs kpi(
            String code,
            String task,
            String name,
            KpiDirection direction,
            String target,
            String actual,
            String points,
            Boolean met) {
        return new KpiInputs(
                code,
                task,
                name,
                direction,
                target == null ? null : new BigDecimal(target),
                target == null ? "达成" : null,
                null,
                new BigDecimal(points),
                actual == null ? null : new BigDecimal(actual),
                met,
                LocalDate.of(2023, 12, 31));
    }
}
