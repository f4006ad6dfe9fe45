package io.budgetmonitor.scoring.rubric;

/** How an indicator's points are computed (计分方法). The rubric file names one per leaf indicator. */
public enum FormulaKind {
    /** points = max × min(rate, 1) of a named ratio, e.g. 预算完成率 */
    RATE_TIMES_MAX,
    /** deduct a fixed amount per full step of the rate, the step's edge counting (“每增加5.0%（含）扣减0.5分”) */
    STEP_DEDUCTION,
    /** 控制率: full points while the rate is ≤ 100%; above it the rubric's stated over-limit rule */
    CONTROL_RATE,
    /** 定性指标: max minus the deductions an evaluator recorded, floor 0 */
    QUALITATIVE,
    /** 绩效目标完成率: KPIs met ÷ KPIs declared, times max */
    KPI_COMPLETION,
    /** 一般公共预算支出年度平均执行率: mean over the quarters of min(cumulative execution ÷ time progress, 1) */
    QUARTERLY_AVERAGE,
    /** 固定资产利用率: fixed assets in use ÷ all fixed assets, times max */
    ASSET_UTILIZATION,
    /** 政府采购执行率: full points when every purchase had a plan and actual ≤ plan */
    PROCUREMENT,
    /** 履职效能任务: the sum of the task's KPI points */
    TASK_KPIS,
    /** 工作表现加减分: recorded bonus and penalty points, clamped to the rubric's range */
    BONUS_PENALTY,
    /** a group of indicators: the sum of its children */
    SUM
}
