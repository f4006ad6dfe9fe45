package io.budgetmonitor.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.budgetmonitor.api.commands.AllocateBudget;
import io.budgetmonitor.api.commands.BudgetCommand;
import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.commands.SetPerformanceTarget;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.security.Caller;
import io.budgetmonitor.security.DepartmentScope;
import io.budgetmonitor.security.Role;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandPermissionsTest {

    private static final RecordDisbursement PAYMENT = new RecordDisbursement(
            "BY-SJ", 2021, "L1", "V-1", Money.of("1.00"), "p", "q", false, LocalDate.of(2021, 3, 1));

    @Test
    void everyCommandOfTheLedgerFormatHasItsWriters() {
        for (JsonSubTypes.Type type :
                BudgetCommand.class.getAnnotation(JsonSubTypes.class).value()) {
            @SuppressWarnings("unchecked")
            Class<? extends BudgetCommand> command = (Class<? extends BudgetCommand>) type.value();
            assertThat(CommandPermissions.writersOf(command))
                    .as(type.name())
                    .isNotEmpty()
                    .doesNotContain(Role.AUDITOR, Role.VIEWER);
        }
        assertThat(CommandPermissions.concreteCommands(BudgetCommand.class))
                .hasSize(BudgetCommand.class.getAnnotation(JsonSubTypes.class).value().length);
        assertThat(CommandPermissions.writersOf(RecordDisbursement.class)).containsExactly(Role.RECORDER);
        assertThat(CommandPermissions.writersOf(AllocateBudget.class)).containsExactly(Role.BUDGET_OFFICE);
        assertThat(CommandPermissions.writersOf(SetPerformanceTarget.class)).containsExactly(Role.EVALUATOR);
    }

    @Test
    void aMissingRoleIs403BeforeAnyQuestionOfScope() {
        Caller scopedEvaluator = new Caller("e", Set.of(Role.EVALUATOR), DepartmentScope.of(Set.of("BY-XX")));
        assertThat(CommandPermissions.refusal(scopedEvaluator, PAYMENT)).hasValueSatisfying(refusal -> {
            assertThat(refusal.status()).isEqualTo(403);
            assertThat(refusal.detail()).contains("RecordDisbursement").contains("RECORDER");
        });
    }

    @Test
    void aDepartmentOutsideTheScopeIs404AndAdminMayAnything() {
        Caller scopedRecorder = new Caller("r", Set.of(Role.RECORDER), DepartmentScope.of(Set.of("BY-XX")));
        assertThat(CommandPermissions.refusal(scopedRecorder, PAYMENT))
                .hasValueSatisfying(refusal -> assertThat(refusal.status()).isEqualTo(404));
        Caller recorder = new Caller("r", Set.of(Role.RECORDER), DepartmentScope.all());
        assertThat(CommandPermissions.refusal(recorder, PAYMENT)).isEmpty();
        Caller admin = new Caller("a", Set.of(Role.ADMIN), DepartmentScope.all());
        assertThat(CommandPermissions.refusal(admin, PAYMENT)).isEmpty();
    }
}
