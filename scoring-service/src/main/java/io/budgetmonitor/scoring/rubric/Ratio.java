package io.budgetmonitor.scoring.rubric;

/** The ratios a rubric can score; each is defined over exact amounts in {@code evaluation.Ratios}. */
public enum Ratio {
    /** 预算完成率 = executed ÷ adjusted budget, all funds */
    BUDGET_COMPLETION("预算完成率"),
    /** 财政拨款收入预决算差异率 = reclaimed appropriations ÷ adjusted appropriation budget */
    APPROPRIATION_REVENUE_VARIANCE("财政拨款收入预决算差异率"),
    /** 结转结余率 = (carried over + left over) appropriations ÷ adjusted appropriation budget */
    CARRY_OVER_SURPLUS("结转结余率"),
    /** 固定资产利用率 = fixed assets in use ÷ all fixed assets */
    FIXED_ASSET_UTILIZATION("固定资产利用率"),
    /** 公用经费控制率 = public-expense spending ÷ public-expense budget */
    PUBLIC_EXPENSE_CONTROL("公用经费控制率"),
    /** “三公经费”控制率 = three-public spending ÷ three-public budget */
    THREE_PUBLIC_CONTROL("“三公经费”控制率"),
    /** 政府采购执行率 = actual procurement ÷ approved plan */
    PROCUREMENT_EXECUTION("政府采购执行率"),
    /** 绩效目标完成率 = KPIs met ÷ KPIs declared */
    KPI_COMPLETION("绩效目标完成率"),
    /** 基本支出执行率 = basic (personnel + public expense) spending ÷ basic budget */
    BASIC_EXPENDITURE_EXECUTION("基本支出执行率"),
    /** 一般公共预算支出执行率 = general-public-budget spending ÷ its adjusted budget */
    GENERAL_PUBLIC_BUDGET_EXECUTION("一般公共预算支出执行率");

    private final String chineseName;

    Ratio(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
