package io.budgetmonitor.query.web;

import static io.budgetmonitor.security.Role.ADMIN;
import static io.budgetmonitor.security.Role.AUDITOR;
import static io.budgetmonitor.security.Role.BUDGET_OFFICE;
import static io.budgetmonitor.security.Role.EVALUATOR;
import static io.budgetmonitor.security.Role.RECORDER;
import static io.budgetmonitor.security.Role.VIEWER;
import static io.budgetmonitor.security.RouteRule.get;
import static io.budgetmonitor.security.RouteRule.openGet;
import static io.budgetmonitor.security.RouteRule.post;

import io.budgetmonitor.security.RouteRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which query-service route (docs/design/SECURITY.md), one row per route, first match
 * wins. ADMIN may always; a route no row names is refused to everyone. Department scope is not in
 * this table: a {@code {department}} path variable outside the caller's scope answers 404 by itself,
 * and the alert routes narrow to the caller's departments in {@code AlertFilter}.
 */
@Configuration
public class AccessTable {

    private static final String YEAR = "/api/v1/departments/{department}/years/{year}";

    @Bean
    RouteRules routeRules() {
        return RouteRules.of(
                // 预算执行进度, live or as of a day. The 财务室 clerk (RECORDER) reads them too: the
                // line's available balance is what it checks before paying, within its departments.
                get(YEAR + "/execution", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR, RECORDER),
                get(YEAR + "/lines", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR, RECORDER),
                get(YEAR + "/lines/{line}", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR, RECORDER),
                get(YEAR + "/fund-sources/{fundSource}", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR, RECORDER),

                // 审计追溯: every event with who recorded it and its payload (payees, vouchers) is the
                // audit trail, for the auditor only
                get(YEAR + "/history", AUDITOR),
                get(YEAR + "/lines/{line}/history", AUDITOR),

                // 预警: oversight, not the clerk's. Acknowledging is a decision VIEWER may not take.
                get("/api/v1/alerts", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                get("/api/v1/alerts/stream", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                get("/api/v1/alerts/groups", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                get("/api/v1/alerts/{id}", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                post("/api/v1/alerts/{id}/acknowledgement", BUDGET_OFFICE, EVALUATOR),

                // exports: the year's figures and alerts for Excel and the open-data portal, for those who
                // oversee (AUDITOR, BUDGET_OFFICE, VIEWER) and the evaluator, whose 自评 report quotes them;
                // not the 财务室 clerk, who reads a line's balance, not the department's year
                get(YEAR + "/export.csv", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                get(YEAR + "/export.xlsx", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                get(YEAR + "/fiscal-data-package.zip", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                get(YEAR + "/alerts.csv", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                // every department the caller sees: scoped by the controller, there is no {department} here
                get("/api/v1/years/{year}/fiscal-data-package.zip", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),

                // dashboard API: the district picture is oversight like the alerts it counts, so RECORDER is
                // not in it; department routes answer 404 outside the caller's scope, the lists narrow to it
                get("/api/v1/departments", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                get("/api/v1/years/{year}/summary", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                get(YEAR + "/kpis", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),
                get(YEAR + "/execution/series", VIEWER, AUDITOR, BUDGET_OFFICE, EVALUATOR),

                // the read-your-writes barrier: a number, no department's data, needed by every writer
                get("/api/v1/position", RECORDER, BUDGET_OFFICE, EVALUATOR, AUDITOR, VIEWER),

                // who is signed in: the dashboard's header and its acknowledge button
                get("/api/v1/me", RECORDER, BUDGET_OFFICE, EVALUATOR, AUDITOR, VIEWER),
                // the dashboard: its page shows nothing to strangers (a browser is sent to /login and
                // back); its scripts, styles and the chart library hold no data and load for anyone
                get("/", RECORDER, BUDGET_OFFICE, EVALUATOR, AUDITOR, VIEWER),
                get("/index.html", RECORDER, BUDGET_OFFICE, EVALUATOR, AUDITOR, VIEWER),
                openGet("/dashboard/**"),
                openGet("/webjars/**"),

                // digests are read-only verification (equal after a rebuild): the auditor's work
                get("/api/v1/admin/digest", AUDITOR),
                get("/api/v1/admin/digest/alerts", AUDITOR),
                // operations: replay the log, re-run the monitoring rules
                post("/api/v1/admin/rebuild", ADMIN),
                // the shared consumer's held events (waiting for a predecessor): operations
                get("/api/v1/admin/consumer/held", ADMIN),
                post("/api/v1/admin/evaluations", ADMIN));
    }
}
