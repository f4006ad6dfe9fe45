package io.budgetmonitor.command.audit;

/**
 * The first place where the chain does not hold (断链处).
 *
 * @param eventId         the stored event at which verification stopped
 * @param sequenceNumber  that event's sequence number (for {@link Reason#MISSING_EVENT}, the first one after the gap)
 * @param globalPosition  its global index in the log
 * @param detail          what was expected and what was found, in words
 */
public record BrokenLink(
        String eventId, String aggregateId, long sequenceNumber, long globalPosition, Reason reason, String detail) {

    public enum Reason {
        /** the stored columns no longer hash to the stored event hash: the event was altered */
        ALTERED_CONTENT,
        /** sequence numbers jump: an event before this one was deleted */
        MISSING_EVENT,
        /** the event names another previous hash than its predecessor's: events were removed, re-hashed or swapped */
        WRONG_PREVIOUS_HASH
    }
}
