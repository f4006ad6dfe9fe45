package io.budgetmonitor.api.values;

/** 支出类型. Personnel and public expense together are 基本支出 (basic expenditure). */
public enum ExpenditureType {
    PERSONNEL("人员经费"),
    PUBLIC_EXPENSE("公用经费"),
    PROJECT("项目支出");

    private final String chineseName;

    ExpenditureType(String chineseName) {
        this.chineseName = chineseName;
    }

    /** The name a finance bureau's tables use (收支情况表, exports, reports). */
    public String chineseName() {
        return chineseName;
    }

    /** 基本支出 = 人员经费 + 公用经费 */
    public boolean isBasic() {
        return this != PROJECT;
    }
}
