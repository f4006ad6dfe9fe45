package io.budgetmonitor.security;

/**
 * What a caller may do (docs/design/SECURITY.md). {@link #ADMIN} implies every other role.
 */
public enum Role {
    /** 财务室: records and reverses disbursements, imports ledgers of disbursements. */
    RECORDER,
    /** 预算股 / 财政局: opens years, allocates, adjusts, transfers, closes quarters and years. */
    BUDGET_OFFICE,
    /** 绩效股, third-party evaluators: KPI targets and progress, assessments, evaluations. */
    EVALUATOR,
    /** 审计局: reads everything, verifies the hash chain, writes nothing. */
    AUDITOR,
    /** Department heads, dashboards: read and subscribe within their departments. */
    VIEWER,
    /** Operators: rebuilds, re-evaluations, rubric uploads; implies every other role. */
    ADMIN;

    static final String AUTHORITY_PREFIX = "ROLE_";

    public String authority() {
        return AUTHORITY_PREFIX + name();
    }
}
