package io.budgetmonitor.scoring.projection;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.KpiDirection;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.scoring.evaluation.EvaluationResult;
import io.budgetmonitor.scoring.evaluation.IndicatorScore;
import io.budgetmonitor.scoring.evaluation.KpiScore;
import io.budgetmonitor.scoring.evaluation.TaskScore;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.report.Wanyuan;
import io.budgetmonitor.scoring.rubric.FormulaKind;
import io.budgetmonitor.scoring.rubric.Ratio;
import io.budgetmonitor.scoring.rubric.Rubric;
import io.budgetmonitor.scoring.rubric.RubricIndicator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * 挽回失分建议: what would recover the points an indicator is projected to lose, in Chinese and in 万元,
 * as a budget office reads it in the monitoring report. A point already lost for good (a quarter that
 * ended behind time progress) is said to be so.
 */
final class RecoveryAdvice {

    private RecoveryAdvice() {}

    static List<String> of(
            RubricIndicator rule,
            IndicatorScore score,
            IndicatorInputs in,
            Rubric rubric,
            EvaluationResult result,
            LocalDate asOf) {
        List<String> what = new ArrayList<>();
        FormulaKind kind = rule.formula().kind();
        LocalDate yearEnd = LocalDate.of(in.fiscalYear(), 12, 31);
        switch (kind) {
            case RATE_TIMES_MAX -> {
                if (rule.formula().ratio() == Ratio.BUDGET_COMPLETION) {
                    Money gap = in.budget(l -> true).minus(in.executed(l -> true));
                    what.add(yearEnd + "前再执行" + Wanyuan.format(gap) + "万元（全部资金），" + score.code() + "“" + score.name()
                            + "”可达100%，得满分");
                } else {
                    what.add("将" + score.code() + "“" + score.name() + "”提高到100%");
                }
            }
            case QUARTERLY_AVERAGE -> {
                Money budget = in.budget(IndicatorInputs.generalPublicBudget());
                List<BigDecimal> targets =
                        in.quarterTargets().size() == 4 ? in.quarterTargets() : rubric.timeProgress();
                for (int q = 1; q <= 4; q++) {
                    LocalDate end = Quarter.of(q).lastDay(in.fiscalYear());
                    Money needed = Money.of(
                            budget.amount().multiply(targets.get(q - 1)).setScale(2, RoundingMode.UP));
                    Money shortfall = needed.minus(in.generalCumulative(q));
                    if (shortfall.isPositive()) {
                        what.add(
                                end.isBefore(asOf)
                                        ? "第" + q + "季度（" + end + "已结束）一般公共预算落后序时进度" + Wanyuan.format(shortfall)
                                                + "万元，该季度失分已无法挽回"
                                        : end + "前再执行一般公共预算" + Wanyuan.format(shortfall) + "万元，第" + q + "季度"
                                                + score.code() + "可得满分");
                    }
                }
            }
            case STEP_DEDUCTION ->
                what.add("按时执行财政拨款，避免收回或结转：财政拨款预算每有"
                        + rule.formula()
                                .step()
                                .movePointRight(2)
                                .stripTrailingZeros()
                                .toPlainString()
                        + "%未执行，扣"
                        + rule.formula().deductionPerStep().stripTrailingZeros().toPlainString() + "分");
            case CONTROL_RATE -> {
                ExpenditureType type =
                        rule.formula().ratio() == Ratio.PUBLIC_EXPENSE_CONTROL ? ExpenditureType.PUBLIC_EXPENSE : null;
                Money excess = type != null
                        ? in.executed(l -> l.expenditureType() == type)
                                .minus(in.budget(l -> l.expenditureType() == type))
                        : in.executed(l -> l.threePublic().isThreePublic())
                                .minus(in.budget(l -> l.threePublic().isThreePublic()));
                what.add("支出控制在预算以内：按当前进度，至" + yearEnd + "将超支" + Wanyuan.format(excess) + "万元");
            }
            case PROCUREMENT -> what.add("报批覆盖" + Wanyuan.format(in.procurementActual()) + "万元政府采购支出的政府采购计划");
            case ASSET_UTILIZATION -> what.add("盘活闲置固定资产，或按规定处置");
            case KPI_COMPLETION, TASK_KPIS -> {
                for (TaskScore task : result.tasks()) {
                    if (kind == FormulaKind.TASK_KPIS && !task.code().equals(score.code())) {
                        continue;
                    }
                    for (KpiScore kpi : task.kpis()) {
                        if (!kpi.met()) {
                            what.add(kpiAdvice(kpi));
                        }
                    }
                }
            }
            case QUALITATIVE ->
                what.add("已记录扣分" + score.deductions().size() + "项，评价前针对扣分原因整改："
                        + String.join(
                                "；",
                                score.deductions().stream().map(d -> d.reason()).toList()));
            case BONUS_PENALTY -> what.add("本年度已记录的批评扣分计入得分，可争取表彰加分抵消");
            default -> {}
        }
        return what;
    }

    private static String kpiAdvice(KpiScore kpi) {
        String subject = "绩效指标" + kpi.kpi() + "“" + kpi.name() + "”";
        if (KpiDirection.QUALITATIVE.name().equals(kpi.direction())) {
            return (kpi.reported() ? "使" : "报送并使") + subject + "达到目标“" + kpi.targetDescription() + "”";
        }
        String from = kpi.actual() == null ? "未报送" : kpi.actual() + unit(kpi);
        String target = kpi.target() + unit(kpi);
        return KpiDirection.LOWER_IS_BETTER.name().equals(kpi.direction())
                ? "将" + subject + "由" + from + "降至目标值" + target + "以内"
                : "将" + subject + "由" + from + "提高到目标值" + target;
    }

    private static String unit(KpiScore kpi) {
        return kpi.unit() == null ? "" : kpi.unit();
    }
}
