package io.budgetmonitor.query.consumption;

import io.budgetmonitor.api.values.FiscalYearId;
import java.util.Set;

/** Told after each committed batch which department-years changed (the monitor re-evaluates them). */
public interface AppliedEventsListener {
    void afterCommit(Set<FiscalYearId> touched, long lag);
}
