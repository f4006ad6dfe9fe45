package io.budgetmonitor.command.fiscalyear;

import io.budgetmonitor.api.commands.ExplainDeviation;
import io.budgetmonitor.api.events.DeviationExplained;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.command.refusal.CommandRefusedException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * 偏差原因及纠偏措施: decides an {@link ExplainDeviation} against what the year knows. The subject must be
 * one the monitoring report shows a deviation for — a KPI of the year, the budget as a whole or one
 * fund source — and an explanation identical to the subject's current one records nothing, so a
 * resent form changes nothing even without an Idempotency-Key.
 */
final class DeviationExplanations {

    private DeviationExplanations() {}

    /**
     * The event to apply, or empty when the subject already has exactly this explanation.
     *
     * @param kpis    the KPI codes of the year
     * @param current each subject's current explanation, as {@link #text}
     */
    static Optional<DeviationExplained> decide(
            ExplainDeviation command,
            String department,
            int fiscalYear,
            Set<String> kpis,
            Map<String, String> current) {
        String subject = command.subject();
        if (!isExecution(subject) && !kpis.contains(subject)) {
            throw new CommandRefusedException(
                    422,
                    "Unknown deviation subject",
                    ("subject must be a KPI of %s %d, %s or a fund source (%s), was %s")
                            .formatted(
                                    department,
                                    fiscalYear,
                                    ExplainDeviation.EXECUTION,
                                    String.join(", ", fundSources()),
                                    subject),
                    Map.of("field", "subject"));
        }
        for (String[] field : new String[][] {{"cause", command.cause()}, {"measure", command.measure()}}) {
            if (field[1] == null || field[1].isBlank()) {
                throw new CommandRefusedException(
                        422,
                        "Missing " + field[0],
                        "a deviation needs both its cause (偏差原因) and its corrective measure (纠偏措施)",
                        Map.of("field", field[0]));
            }
        }
        if (text(command.cause(), command.measure()).equals(current.get(subject))) {
            return Optional.empty();
        }
        return Optional.of(new DeviationExplained(
                department, fiscalYear, subject, command.cause(), command.measure(), command.occurredOn()));
    }

    /** How an explanation is kept in the aggregate's state: enough to tell a repeat. */
    static String text(String cause, String measure) {
        return cause + "\u0000" + measure;
    }

    private static boolean isExecution(String subject) {
        return ExplainDeviation.EXECUTION.equals(subject) || fundSources().contains(subject);
    }

    private static Set<String> fundSources() {
        return Set.copyOf(Arrays.stream(FundSource.values()).map(Enum::name).toList());
    }
}
