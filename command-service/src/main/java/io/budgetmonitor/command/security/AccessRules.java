package io.budgetmonitor.command.security;

import io.budgetmonitor.api.commands.AdjustBudget;
import io.budgetmonitor.api.commands.AdjustPerformanceTarget;
import io.budgetmonitor.api.commands.AllocateBudget;
import io.budgetmonitor.api.commands.ApproveProcurementPlan;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.api.commands.CarryOverFunds;
import io.budgetmonitor.api.commands.CloseFiscalYear;
import io.budgetmonitor.api.commands.CloseQuarter;
import io.budgetmonitor.api.commands.ExplainDeviation;
import io.budgetmonitor.api.commands.OpenFiscalYear;
import io.budgetmonitor.api.commands.ReclaimFunds;
import io.budgetmonitor.api.commands.RecordBonusPenalty;
import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.commands.RecordQualitativeAssessment;
import io.budgetmonitor.api.commands.ReportAssetUtilization;
import io.budgetmonitor.api.commands.ReportPerformanceProgress;
import io.budgetmonitor.api.commands.ReverseDisbursement;
import io.budgetmonitor.api.commands.SetPerformanceTarget;
import io.budgetmonitor.api.commands.TransferBudget;
import io.budgetmonitor.security.Role;
import io.budgetmonitor.security.RouteRule;
import io.budgetmonitor.security.RouteRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * command-service's access table (SECURITY.md): one row per route, first match wins, ADMIN always
 * allowed, every route without a row refused. VIEWER writes nothing here, so it is in no row; AUDITOR
 * only reads the hash chains. A command's route admits the roles {@link CommandPermissions} gives its
 * command; the {@code {department}} in every path is scoped by the security module (404 outside the
 * caller's scope), the audit routes' {@code department} query parameter by {@code AuditResource}.
 */
@Configuration(proxyBeanMethods = false)
public class AccessRules {

    private static final String YEAR = "/api/v1/departments/{department}/years/{year}";
    private static final String LINE = YEAR + "/lines/{line}";

    @Bean
    public RouteRules commandRouteRules() {
        return RouteRules.of(
                // fiscal year (部门预算年度)
                command(YEAR, OpenFiscalYear.class),
                command(YEAR + "/quarters/{quarter}/closure", CloseQuarter.class),
                command(YEAR + "/closure", CloseFiscalYear.class),
                command(YEAR + "/procurement-plans", ApproveProcurementPlan.class),
                command(YEAR + "/asset-utilization", ReportAssetUtilization.class),
                // performance (绩效)
                command(YEAR + "/kpis", SetPerformanceTarget.class),
                command(YEAR + "/kpis/{kpi}/adjustments", AdjustPerformanceTarget.class),
                command(YEAR + "/kpis/{kpi}/progress", ReportPerformanceProgress.class),
                command(YEAR + "/qualitative-assessments", RecordQualitativeAssessment.class),
                command(YEAR + "/bonus-penalties", RecordBonusPenalty.class),
                command(YEAR + "/deviation-explanations", ExplainDeviation.class),
                // budget lines (预算项目)
                command(YEAR + "/lines", AllocateBudget.class),
                command(LINE + "/adjustments", AdjustBudget.class),
                command(YEAR + "/transfers", TransferBudget.class),
                command(LINE + "/reclaims", ReclaimFunds.class),
                command(LINE + "/carry-overs", CarryOverFunds.class),
                // payments (支出, 冲销)
                command(LINE + "/disbursements", RecordDisbursement.class),
                command(LINE + "/disbursements/{voucher}/reversal", ReverseDisbursement.class),
                // A scenario file mixes commands of every writer, so every writing role may send one;
                // each line is then authorized like its own route (LedgerImporter: 403/404 in rejected[]).
                RouteRule.post("/api/v1/imports", Role.RECORDER, Role.BUDGET_OFFICE, Role.EVALUATOR),
                // tamper evidence (审计核验): reads the event store's hash chains
                RouteRule.get("/api/v1/audit/verify", Role.AUDITOR),
                RouteRule.get("/api/v1/audit/head", Role.AUDITOR));
    }

    private static RouteRule command(String pattern, Class<? extends BudgetCommand> type) {
        return new RouteRule(HttpMethod.POST, pattern, CommandPermissions.writersOf(type));
    }
}
