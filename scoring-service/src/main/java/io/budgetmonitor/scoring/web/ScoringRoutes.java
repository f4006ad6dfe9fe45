package io.budgetmonitor.scoring.web;

import static io.budgetmonitor.security.Role.ADMIN;
import static io.budgetmonitor.security.Role.AUDITOR;
import static io.budgetmonitor.security.Role.BUDGET_OFFICE;
import static io.budgetmonitor.security.Role.EVALUATOR;
import static io.budgetmonitor.security.Role.RECORDER;
import static io.budgetmonitor.security.Role.VIEWER;

import io.budgetmonitor.security.RouteRule;
import io.budgetmonitor.security.RouteRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which scoring route (docs/design/SECURITY.md), one row per route, first match wins.
 * ADMIN may call every row; a route without a row is refused to everyone. Department scope is applied
 * on top: {@code {department}} paths by the security module, evaluations by id, lists and POST
 * bodies by the controllers (a department outside the caller's scope answers 404).
 *
 * <p>Scores are read by department heads (VIEWER), 审计局 (AUDITOR), 绩效股 (EVALUATOR) and 预算股
 * (BUDGET_OFFICE, who opens the years being scored). Not by RECORDER: 财务室 records disbursements and
 * has no part in the evaluation; a clerk who must see scores is given VIEWER as well.
 */
@Configuration
public class ScoringRoutes {

    @Bean
    RouteRules scoringRouteRules() {
        return RouteRules.of(
                // 评价快照: taking one is the evaluator's act; the body's department must be in scope
                RouteRule.post("/api/v1/evaluations", EVALUATOR),
                // the list is filtered to the caller's departments; by id, another department's is 404
                RouteRule.get("/api/v1/evaluations", VIEWER, AUDITOR, EVALUATOR, BUDGET_OFFICE),
                RouteRule.get("/api/v1/evaluations/{id}", VIEWER, AUDITOR, EVALUATOR, BUDGET_OFFICE),
                RouteRule.get("/api/v1/evaluations/{id}/report", VIEWER, AUDITOR, EVALUATOR, BUDGET_OFFICE),
                // 三、四 of the report: read with it; edited before export by the evaluator who files it
                RouteRule.get("/api/v1/evaluations/{id}/report/narrative", VIEWER, AUDITOR, EVALUATOR, BUDGET_OFFICE),
                RouteRule.put("/api/v1/evaluations/{id}/report/narrative", EVALUATOR),
                RouteRule.get("/api/v1/evaluations/{id}/diff/{other}", VIEWER, AUDITOR, EVALUATOR, BUDGET_OFFICE),
                RouteRule.get(
                        "/api/v1/departments/{department}/years/{year}/projected-score",
                        VIEWER,
                        AUDITOR,
                        EVALUATOR,
                        BUDGET_OFFICE),
                // 绩效运行监控报告: read like the projected score it contains
                RouteRule.get(
                        "/api/v1/departments/{department}/years/{year}/monitoring-report",
                        VIEWER,
                        AUDITOR,
                        EVALUATOR,
                        BUDGET_OFFICE),
                // 评价方案对比: a re-scoring under another rubric is read like a score; nothing is stored
                RouteRule.get(
                        "/api/v1/departments/{department}/years/{year}/rubric-comparison",
                        VIEWER,
                        AUDITOR,
                        EVALUATOR,
                        BUDGET_OFFICE),
                // read-your-writes for whoever reads scores here (an evaluator waits for its KPI reports)
                RouteRule.get("/api/v1/position", VIEWER, AUDITOR, EVALUATOR, BUDGET_OFFICE),
                // the shared consumer's held events (waiting for a predecessor): operations
                RouteRule.get("/api/v1/admin/consumer/held", ADMIN),
                // 评价方案 are published policy, no department's data: every signed-in role may read them
                RouteRule.get("/api/v1/rubrics", RECORDER, BUDGET_OFFICE, EVALUATOR, AUDITOR, VIEWER),
                RouteRule.get("/api/v1/rubrics/{reference}", RECORDER, BUDGET_OFFICE, EVALUATOR, AUDITOR, VIEWER),
                // a new rubric (version) changes how years are scored: operators only
                RouteRule.post("/api/v1/rubrics", ADMIN),
                // the inputs' digest is read-only verification (equal to a rebuild's): the auditor's work
                RouteRule.get("/api/v1/admin/digest", AUDITOR));
    }
}
