package io.budgetmonitor.command.audit;

import io.budgetmonitor.command.audit.BrokenLink.Reason;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One pass over stored events in (aggregate, sequence number) order, holding only the current
 * aggregate's last hash: memory stays constant however long the log. Each event is checked for
 * its place (no sequence number skipped since the aggregate's first, 0), its content (the stored
 * columns hash to the stored hash) and its link (its recorded previous hash is its predecessor's).
 *
 * <p>Not thread-safe: one walk per verification.
 */
public final class ChainWalk {

    private static final HexFormat HEX = HexFormat.of();

    private String aggregateId;
    private long expectedSequence;
    private byte[] previousHash;
    private long verified;

    /** @return the broken link at {@code event}, or empty when it holds (and the walk goes on) */
    public Optional<BrokenLink> check(StoredEvent event) {
        if (!event.aggregateId().equals(aggregateId)) {
            aggregateId = event.aggregateId();
            expectedSequence = 0;
            previousHash = null;
        }
        if (event.sequenceNumber() != expectedSequence) {
            String missing = event.sequenceNumber() == expectedSequence + 1
                    ? "sequence number " + expectedSequence
                    : "sequence numbers " + expectedSequence + ".." + (event.sequenceNumber() - 1);
            return broken(
                    event,
                    Reason.MISSING_EVENT,
                    missing + " of " + event.aggregateId() + " is not stored: an event was deleted");
        }
        byte[] recomputed = EventCanonicalForm.hash(event, event.prevHash());
        if (!MessageDigest.isEqual(recomputed, event.eventHash())) {
            return broken(
                    event,
                    Reason.ALTERED_CONTENT,
                    "stored hash " + hex(event.eventHash()) + " but the stored content hashes to " + hex(recomputed)
                            + ": the event was altered");
        }
        if (!MessageDigest.isEqual(previousHash, event.prevHash())) {
            return broken(
                    event,
                    Reason.WRONG_PREVIOUS_HASH,
                    "previous hash " + hex(event.prevHash()) + " but the previous event's hash is "
                            + hex(previousHash));
        }
        previousHash = event.eventHash();
        expectedSequence++;
        verified++;
        return Optional.empty();
    }

    /** Events found intact so far. */
    public long verified() {
        return verified;
    }

    private static Optional<BrokenLink> broken(StoredEvent event, Reason reason, String detail) {
        return Optional.of(new BrokenLink(
                event.eventId(), event.aggregateId(), event.sequenceNumber(), event.globalIndex(), reason, detail));
    }

    static String hex(byte[] hash) {
        return hash == null ? "none" : HEX.formatHex(hash);
    }
}
