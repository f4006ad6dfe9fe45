package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.LineInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * 部门整体收支情况: the year's adjusted budget and net execution, in total, by fund source and by
 * 基本支出 (人员经费, 公用经费) / 项目支出, taken with the scores so that part 一 of the report states
 * the figures the scores were computed from, not those of a later position.
 *
 * @param total         all funds (全年预算数, 全年执行数)
 * @param byFundSource  one row per fund source the year has, in the enum's order
 * @param byExpenditure 基本支出 with its 人员经费 and 公用经费, then 项目支出; rows without a budget are left out
 */
public record ExecutionSummary(Row total, List<Row> byFundSource, List<Row> byExpenditure) {

    /** One row of the 收支 table: exact yuan. */
    public record Row(String code, String name, Money budget, Money executed) {}

    public static ExecutionSummary of(IndicatorInputs in) {
        Row total = row(in, "TOTAL", "合计", line -> true);
        List<Row> byFund = new ArrayList<>();
        for (FundSource source : FundSource.values()) {
            if (in.lines().stream().anyMatch(line -> line.fundSource() == source)) {
                byFund.add(row(in, source.name(), source.chineseName(), line -> line.fundSource() == source));
            }
        }
        List<Row> byType = new ArrayList<>();
        byType.add(row(in, "BASIC", "基本支出", line -> line.expenditureType().isBasic()));
        byType.add(row(
                in,
                ExpenditureType.PERSONNEL.name(),
                "其中：人员经费",
                line -> line.expenditureType() == ExpenditureType.PERSONNEL));
        byType.add(row(
                in,
                ExpenditureType.PUBLIC_EXPENSE.name(),
                "其中：公用经费",
                line -> line.expenditureType() == ExpenditureType.PUBLIC_EXPENSE));
        byType.add(row(
                in,
                ExpenditureType.PROJECT.name(),
                ExpenditureType.PROJECT.chineseName(),
                line -> line.expenditureType() == ExpenditureType.PROJECT));
        byType.removeIf(row -> row.budget().isZero() && row.executed().isZero());
        return new ExecutionSummary(total, byFund, byType);
    }

    private static Row row(IndicatorInputs in, String code, String name, Predicate<LineInputs> which) {
        return new Row(code, name, in.budget(which), in.executed(which));
    }
}
