package io.budgetmonitor.query.rules;

/** The monitoring rules of MONITORING.md (绩效运行监控规则). */
public enum Rule {
    /** 执行进度滞后: cumulative execution behind time progress (序时进度). */
    EXECUTION_BEHIND_SCHEDULE,
    /** 季度目标未完成. */
    QUARTER_TARGET_MISSED,
    /** 超额度支付被拒. */
    OVERSPEND_ATTEMPT,
    /** 项目额度即将用尽. */
    LINE_NEARLY_EXHAUSTED,
    /** 公用经费 / 三公经费 控制率超标. */
    CONTROL_RATE_EXCEEDED,
    /** 绩效指标实现风险. */
    KPI_AT_RISK,
    /** 绩效监控未报送: a KPI with no progress reported by the mid-year monitoring date (财预〔2019〕136号). */
    KPI_NOT_REPORTED,
    /** 绩效目标设置偏低. */
    KPI_TARGET_TOO_LOOSE,
    /** 年末财政收回风险. */
    RECLAIM_RISK,
    /** 季报执行数与账不符. */
    RECONCILIATION_MISMATCH,
    /** 已结账季度补记支出. */
    LATE_POSTING,
    /** 预计得分下降. */
    PROJECTED_SCORE_DROP
}
