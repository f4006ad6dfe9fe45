package io.budgetmonitor.command.imports;

import java.util.List;

/**
 * The answer of {@code POST /api/v1/imports} (API.md §2): fixed fields {@code accepted},
 * {@code duplicates}, {@code rejected}, {@code position}; {@code lines} and {@code elapsedMillis}
 * are extensions.
 */
public record ImportReport(long accepted, long duplicates, List<RejectedLine> rejected, long position,
                           long lines, long elapsedMillis) {

    /** A line that was not applied: its number (from 1), the HTTP status it would have had, why. */
    public record RejectedLine(long line, int status, String title, String detail) {
    }
}
