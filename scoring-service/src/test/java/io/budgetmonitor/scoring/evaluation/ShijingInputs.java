package io.budgetmonitor.scoring.evaluation;

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
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built inputs of the 石井街道 2021 department-year that reproduce every figure of the seed:
 * all funds 160,610,200.00 budget / 150,426,500.00 executed (93.66%); appropriations 100,000,000.00 of
 * which 9,000,000.00 reclaimed (9.0%) and nothing left (0%); the general public budget 90,000,000.00
 * spent 24% / ≥50% / 73.35% / 98% by the quarter ends (97.95%); 25 KPIs of which 扶贫资金到位率 missed.
 */
public final class ShijingInputs {

    public static final String DEPARTMENT = "BY-SJ";

    private ShijingInputs() {}

    public static Rubric baiyun() {
        try (InputStream in = ShijingInputs.class.getResourceAsStream("/rubrics/baiyun-2022.yaml")) {
            return new RubricLoader().load(in.readAllBytes(), "baiyun-2022.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<LineInputs> lines() {
        return List.of(
                line(
                        "GP-PER-01",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PERSONNEL,
                        ThreePublicCategory.NONE,
                        true,
                        "50000000.00",
                        "49500000.00",
                        "500000.00"),
                line(
                        "GP-PUB-01",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PUBLIC_EXPENSE,
                        ThreePublicCategory.NONE,
                        true,
                        "10000000.00",
                        "9822000.00",
                        "178000.00"),
                line(
                        "GP-CAR-01",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PROJECT,
                        ThreePublicCategory.OFFICIAL_VEHICLES,
                        true,
                        "1000000.00",
                        "645900.00",
                        "354100.00"),
                line(
                        "GP-PRJ-01",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PROJECT,
                        ThreePublicCategory.NONE,
                        true,
                        "29000000.00",
                        "28232100.00",
                        "767900.00"),
                line(
                        "GF-PRJ-01",
                        FundSource.GOVERNMENT_FUND,
                        ExpenditureType.PROJECT,
                        ThreePublicCategory.NONE,
                        true,
                        "10000000.00",
                        "2800000.00",
                        "7200000.00"),
                line(
                        "OT-PRJ-01",
                        FundSource.OTHER,
                        ExpenditureType.PROJECT,
                        ThreePublicCategory.NONE,
                        false,
                        "60610200.00",
                        "59426500.00",
                        "0.00"));
    }

    /** Net general-public-budget disbursements per quarter: cumulative 21.6M, 46M, 66.015M, 88.2M of 90M. */
    public static List<Money> generalQuarterNet() {
        return List.of(
                Money.of("21600000.00"), Money.of("24400000.00"), Money.of("20015000.00"), Money.of("22185000.00"));
    }

    public static List<KpiInputs> kpis() {
        List<KpiInputs> kpis = new ArrayList<>();
        int[] perTask = {4, 4, 5, 4, 4, 4};
        for (int t = 1; t <= 6; t++) {
            for (int k = 1; k <= perTask[t - 1]; k++) {
                String code = "B" + t + "." + k;
                if (code.equals("B1.1")) {
                    kpis.add(kpi(code, "在职人员控制率", KpiDirection.LOWER_IS_BETTER, "100", "95", null));
                } else if (code.equals("B1.4")) {
                    kpis.add(kpi(code, "管理制度完备性", KpiDirection.QUALITATIVE, null, null, true));
                } else if (code.equals("B5.3")) {
                    kpis.add(kpi(code, "举办公益性展览和宣传次数、社区居民活动次数", KpiDirection.HIGHER_IS_BETTER, "15", "112", null));
                } else if (code.equals("B5.4")) {
                    kpis.add(kpi(code, "扶贫资金到位率", KpiDirection.HIGHER_IS_BETTER, "100", "0", null));
                } else {
                    kpis.add(kpi(code, "指标" + code, KpiDirection.HIGHER_IS_BETTER, "100", "100", null));
                }
            }
        }
        return kpis;
    }

    public static List<QualitativeDeduction> deductions() {
        LocalDate on = LocalDate.of(2022, 3, 31);
        return List.of(
                new QualitativeDeduction(
                        "A6.1", new BigDecimal("0.5"), "本部门制定的财务管理制度包含有绩效管理要求，但无绩效管理和专项资金管理办法的专门规定", "区财政局", on),
                new QualitativeDeduction("A6.5", new BigDecimal("1"), "未在规定时间内及时报送相关部门整体支出绩效自评材料", "区财政局", on),
                new QualitativeDeduction("A6.6", new BigDecimal("0.5"), "暂未建立绩效评价结果与本单位预算编制管理相挂钩工作机制", "区财政局", on));
    }

    public static IndicatorInputs inputs() {
        return new IndicatorInputs(
                DEPARTMENT,
                2021,
                "广州市白云区人民政府石井街道办事处",
                "baiyun-2022",
                List.of(new BigDecimal("0.25"), new BigDecimal("0.50"), new BigDecimal("0.75"), new BigDecimal("1.00")),
                lines(),
                generalQuarterNet(),
                Money.of("4200000.00"),
                Money.of("5000000.00"),
                Money.of("9993000.00"),
                Money.of("10000000.00"),
                kpis(),
                deductions(),
                List.<BonusPenalty>of(),
                true,
                1000);
    }

    static LineInputs line(
            String code,
            FundSource source,
            ExpenditureType type,
            ThreePublicCategory threePublic,
            boolean appropriation,
            String budget,
            String executed,
            String reclaimed) {
        return LineInputs.of(
                code,
                source,
                type,
                threePublic,
                appropriation,
                Money.of(budget),
                Money.of(executed),
                Money.of(reclaimed),
                Money.ZERO);
    }

    static KpiInputs kpi(String code, String name, KpiDirection direction, String target, String actual, Boolean met) {
        return new KpiInputs(
                code,
                code.substring(0, 2),
                name,
                direction,
                target == null ? null : new BigDecimal(target),
                target == null ? "达标" : null,
                direction == KpiDirection.QUALITATIVE ? null : "%",
                new BigDecimal("2"),
                actual == null ? null : new BigDecimal(actual),
                met,
                LocalDate.of(2021, 12, 31));
    }
}
