package io.budgetmonitor.api.values;

/** 资金来源: where the money of a budget line comes from. */
public enum FundSource {
    /** 一般公共预算 */
    GENERAL_PUBLIC_BUDGET,
    /** 政府性基金预算 */
    GOVERNMENT_FUND,
    /** 国有资本经营预算 */
    STATE_CAPITAL,
    /** 财政专户管理资金 */
    SPECIAL_ACCOUNT,
    /** 其他资金 */
    OTHER
}
