package io.budgetmonitor.query.consumption;

import io.budgetmonitor.api.values.FiscalYearId;
import java.util.HashSet;
import java.util.Set;

/** What one batch did; {@code touched} are the department-years whose figures changed. */
public final class BatchOutcome {
    int applied;
    int duplicates;
    int held;
    int parked;
    long position = -1;
    final Set<FiscalYearId> touched = new HashSet<>();

    void add(BatchOutcome other) {
        applied += other.applied;
        duplicates += other.duplicates;
        held += other.held;
        parked += other.parked;
        position = Math.max(position, other.position);
        touched.addAll(other.touched);
    }

    public int applied() {
        return applied;
    }

    public int duplicates() {
        return duplicates;
    }

    public int held() {
        return held;
    }

    public int parked() {
        return parked;
    }

    public Set<FiscalYearId> touched() {
        return touched;
    }
}
