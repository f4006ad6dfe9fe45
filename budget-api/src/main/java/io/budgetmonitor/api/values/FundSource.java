package io.budgetmonitor.api.values;

/** 资金来源: where the money of a budget line comes from. */
public enum FundSource {
    GENERAL_PUBLIC_BUDGET("一般公共预算"),
    GOVERNMENT_FUND("政府性基金预算"),
    STATE_CAPITAL("国有资本经营预算"),
    SPECIAL_ACCOUNT("财政专户管理资金"),
    OTHER("其他资金");

    private final String chineseName;

    FundSource(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The name a finance bureau's tables use (收支情况表, exports, reports). */
    public String chineseName() {
        return chineseName;
    }
}
