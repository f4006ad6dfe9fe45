package io.budgetmonitor.command.security;

import static java.util.Map.entry;

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
import io.budgetmonitor.security.Caller;
import io.budgetmonitor.security.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may write which command (SECURITY.md "Roles"; {@link Role#ADMIN} always may). The one table both
 * ways in read: {@link AccessRules} gives each command's REST route these roles, and the NDJSON import
 * asks {@link #refusal} for every line, so a command is allowed to the same callers whichever way it
 * arrives.
 */
public final class CommandPermissions {

    private static final Set<Role> RECORDER = Set.of(Role.RECORDER);
    private static final Set<Role> BUDGET_OFFICE = Set.of(Role.BUDGET_OFFICE);
    private static final Set<Role> EVALUATOR = Set.of(Role.EVALUATOR);

    private static final Map<Class<? extends BudgetCommand>, Set<Role>> WRITERS = Map.ofEntries(
            // 财务室: payments and their reversal
            entry(RecordDisbursement.class, RECORDER),
            entry(ReverseDisbursement.class, RECORDER),
            // 预算股 / 财政局: the budget itself, periods, procurement plans, assets
            entry(OpenFiscalYear.class, BUDGET_OFFICE),
            entry(AllocateBudget.class, BUDGET_OFFICE),
            entry(AdjustBudget.class, BUDGET_OFFICE),
            entry(TransferBudget.class, BUDGET_OFFICE),
            entry(ReclaimFunds.class, BUDGET_OFFICE),
            entry(CarryOverFunds.class, BUDGET_OFFICE),
            entry(CloseQuarter.class, BUDGET_OFFICE),
            entry(CloseFiscalYear.class, BUDGET_OFFICE),
            entry(ApproveProcurementPlan.class, BUDGET_OFFICE),
            entry(ReportAssetUtilization.class, BUDGET_OFFICE),
            // 绩效股, third-party evaluators: performance targets, progress, assessments
            entry(SetPerformanceTarget.class, EVALUATOR),
            entry(AdjustPerformanceTarget.class, EVALUATOR),
            entry(ReportPerformanceProgress.class, EVALUATOR),
            entry(RecordQualitativeAssessment.class, EVALUATOR),
            entry(RecordBonusPenalty.class, EVALUATOR),
            // 绩效运行监控: 绩效股 explains a KPI's deviation, 预算股 the budget execution's (the aggregate
            // cannot tell roles apart, so both may explain either)
            entry(ExplainDeviation.class, Set.of(Role.EVALUATOR, Role.BUDGET_OFFICE)));

    static {
        // a command type added to the sealed hierarchy without a decision stops the service from starting
        List<String> undecided = concreteCommands(BudgetCommand.class).stream()
                .filter(type -> !WRITERS.containsKey(type))
                .map(Class::getSimpleName)
                .toList();
        if (!undecided.isEmpty()) {
            throw new IllegalStateException("no writers decided for " + undecided);
        }
    }

    /** Why a caller may not send a command: the status its REST route would have answered, and why. */
    public record Refusal(int status, String title, String detail) {}

    private CommandPermissions() {}

    static List<Class<?>> concreteCommands(Class<?> type) {
        if (!type.isSealed()) {
            return List.of(type);
        }
        List<Class<?>> concrete = new ArrayList<>();
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            concrete.addAll(concreteCommands(permitted));
        }
        return concrete;
    }

    /** The roles (besides ADMIN) that may send commands of this type. */
    public static Set<Role> writersOf(Class<? extends BudgetCommand> type) {
        Set<Role> writers = WRITERS.get(type);
        if (writers == null) {
            throw new IllegalStateException("no writers decided for " + type.getSimpleName());
        }
        return writers;
    }

    /**
     * Empty when the caller may send the command; otherwise 403 for a role that lacks the right, then
     * 404 for a department outside the caller's scope, in the order the REST routes check them.
     */
    public static Optional<Refusal> refusal(Caller caller, BudgetCommand command) {
        Set<Role> writers = writersOf(command.getClass());
        if (!caller.has(Role.ADMIN) && writers.stream().noneMatch(caller::has)) {
            return Optional.of(new Refusal(
                    403,
                    "Forbidden",
                    "your roles do not allow " + command.getClass().getSimpleName() + " (it needs "
                            + String.join(
                                    " or ",
                                    writers.stream().map(Role::name).sorted().toList()) + ")"));
        }
        // a line without a department is not a question of scope: validation answers it (400)
        if (command.department() != null && !caller.sees(command.department())) {
            return Optional.of(new Refusal(404, "Not found", "no such resource"));
        }
        return Optional.empty();
    }
}
