package io.budgetmonitor.query.consumption;

import io.budgetmonitor.api.values.FiscalYearId;
import java.util.Set;

/**
 * Told after each committed batch which department-years changed (the monitor re-evaluates them; none for a batch
 * of watermarks) and how far behind the log end the consumer is.
 */
public interface AppliedEventsListener {
    void afterCommit(Set<FiscalYearId> touched, long lag);
}
