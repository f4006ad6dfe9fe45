package io.budgetmonitor.api.values;

/** 支出类型. Personnel and public expense together are 基本支出 (basic expenditure). */
public enum ExpenditureType {
    /** 人员经费 */
    PERSONNEL,
    /** 公用经费 */
    PUBLIC_EXPENSE,
    /** 项目支出 */
    PROJECT;

    /** 基本支出 = 人员经费 + 公用经费 */
    public boolean isBasic() {
        return this != PROJECT;
    }
}
