package io.budgetmonitor.scoring.consumption;

/** What became of one delivered event. */
public enum ApplyOutcome {
    /** applied (and any held successors with it) */
    APPLIED,
    /** a redelivery of an event already applied: no effect */
    DUPLICATE,
    /** arrived after a gap in its aggregate's stream: held until the missing events arrive */
    HELD
}
