package io.budgetmonitor.command.imports;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/imports} (API.md §2): fixed fields {@code accepted},
 * {@code duplicates}, {@code rejected}, {@code position}; {@code rejectedCount}, {@code lines} and
 * {@code elapsedMillis} are extensions. {@code rejected} lists the first rejected lines (at most
 * {@code budget.imports.max-reported-rejections}, 1,000), {@code rejectedCount} counts them all.
 */
public record ImportReport(
        long accepted,
        long duplicates,
        List<RejectedLine> rejected,
        long rejectedCount,
        long position,
        long lines,
        long elapsedMillis) {

    /** A line that was not applied: its number (from 1), the HTTP status it would have had, why. */
    public record RejectedLine(long line, int status, String title, String detail) {

        /** A reason is a sentence, not a copy of the line. */
        static final int MAX_DETAIL = 500;

        public RejectedLine {
            detail = detail != null && detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
        }
    }
}
