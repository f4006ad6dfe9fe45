package io.budgetmonitor.scoring.report;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * PUT /api/v1/evaluations/{id}/report/narrative: the text of 三 and 四 as the evaluator wants it filed.
 * Plain text, one paragraph a line; bounded, and without control characters other than the newline
 * (a document must not carry what a reader cannot see).
 */
public record NarrativeRequest(
        @NotNull @Size(min = 1, max = NarrativeRequest.MAX_CHARS) @Pattern(regexp = PLAIN_TEXT, message = NO_CONTROL)
        String problems,

        @NotNull @Size(min = 1, max = NarrativeRequest.MAX_CHARS) @Pattern(regexp = PLAIN_TEXT, message = NO_CONTROL)
        String measures) {

    public static final int MAX_CHARS = 10_000;
    /** a character class, not an alternation: no backtracking stack however long the text */
    static final String PLAIN_TEXT = "[\\n[^\\p{Cc}]]*";

    static final String NO_CONTROL = "must not contain control characters other than newline";
}
