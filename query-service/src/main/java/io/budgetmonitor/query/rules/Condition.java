package io.budgetmonitor.query.rules;

import java.util.List;

/**
 * A rule that holds for a subject on an evaluation date, with a message carrying its numbers and the
 * ids of the events behind it. The alert lifecycle turns conditions into alerts and transitions.
 */
public record Condition(Rule rule, String subject, Severity severity, String message, List<String> evidence) {
    public Condition {
        evidence =
                evidence.stream().filter(java.util.Objects::nonNull).distinct().toList();
    }
}
