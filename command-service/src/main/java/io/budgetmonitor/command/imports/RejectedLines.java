package io.budgetmonitor.command.imports;

import io.budgetmonitor.command.imports.ImportReport.RejectedLine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The lines an import did not apply. Every one is counted; the first {@code limit} of them by line
 * number are kept with their reasons for the report. A file of a million malformed lines would
 * otherwise hold a million reasons in memory and send them back in one answer; the count says how
 * many there are, the first ones say what to fix, and a re-send under the same Idempotency-Key
 * skips what was stored and shows the next ones.
 */
final class RejectedLines {

    private final int limit;
    /** The kept lines, highest line number first, so the one to drop is at the head. */
    private final PriorityQueue<RejectedLine> kept =
            new PriorityQueue<>(Comparator.comparingLong(RejectedLine::line).reversed());

    private long count;

    RejectedLines(int limit) {
        this.limit = limit;
    }

    void add(RejectedLine rejected) {
        count++;
        kept.add(rejected);
        if (kept.size() > limit) {
            kept.poll();
        }
    }

    void addAll(Collection<RejectedLine> rejected) {
        rejected.forEach(this::add);
    }

    long count() {
        return count;
    }

    List<RejectedLine> inLineOrder() {
        List<RejectedLine> lines = new ArrayList<>(kept);
        lines.sort(Comparator.comparingLong(RejectedLine::line));
        return lines;
    }
}
