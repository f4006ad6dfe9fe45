package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budgetmonitor.api.commands.AdjustBudget;
import io.budgetmonitor.api.values.AdjustmentKind;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.command.dispatch.CommandDispatcher;
import io.budgetmonitor.command.dispatch.RequestMetadata;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A keyed command's events and its stored answer commit together ({@code dispatchAtomically}): when the
 * answer cannot be written the events are not stored either, so a retry under the same key cannot find
 * the events without the answer and record them a second time (found by the fault suite: a reduction
 * recorded twice across a PostgreSQL restart that ended the session during COMMIT).
 */
class AtomicAnswerIT extends IntegrationTest {

    @Autowired
    CommandDispatcher dispatcher;

    @Test
    void theEventsAreRolledBackWhenTheAnswerCannotBeStored() {
        String department = newDepartment("ATOM");
        openYearWithLine(department, "L1", "1000.00");
        AdjustBudget reduction = new AdjustBudget(
                department,
                2021,
                "L1",
                AdjustmentKind.REDUCTION,
                Money.of("10.00"),
                "调减 (atomic answer)",
                LocalDate.of(2021, 6, 1));
        RequestMetadata metadata = RequestMetadata.of("budget-office", null, "atomic-" + department);

        assertThatThrownBy(() -> dispatcher.dispatchAtomically(reduction, metadata, dispatched -> {
                    assertThat(dispatched.recorded()).hasSize(1);
                    throw new IllegalStateException("the answer could not be stored");
                }))
                .hasMessageContaining("the answer could not be stored");
        assertThat(eventCount(department + ":", "BudgetAdjusted")).isZero();

        Map<String, Object> answer = dispatcher.dispatchAtomically(reduction, metadata, dispatched -> {
            jdbc.update(
                    "INSERT INTO idempotency_key (key, request_fingerprint, status, response_body) VALUES (?, ?, ?, ?)",
                    "atomic-" + department,
                    "fingerprint",
                    201,
                    dispatched.eventIds().toString());
            return Map.of("events", dispatched.eventIds());
        });
        assertThat(eventCount(department + ":", "BudgetAdjusted")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT response_body FROM idempotency_key WHERE key = ?",
                        String.class,
                        "atomic-" + department))
                .isEqualTo(answer.get("events").toString());
    }
}
