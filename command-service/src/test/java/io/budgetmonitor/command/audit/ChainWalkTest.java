package io.budgetmonitor.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.command.audit.BrokenLink.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chain walk without a database: chains are built here the way the trigger builds them. */
class ChainWalkTest {

    @Test
    void anIntactLogVerifiesEveryEventAcrossAggregates() {
        List<StoredEvent> log = new ArrayList<>(chain("BY-SJ:2021", 3, 1));
        log.addAll(chain("BY-SJ:2021:L1", 4, 10));

        assertThat(walk(log)).isEqualTo(new Verification(7, null));
    }

    @Test
    void theRowsOfTheDatabaseTestVectorsFormAChain() {
        List<StoredEvent> log = List.of(
                EventCanonicalFormTest.first(), EventCanonicalFormTest.second(), EventCanonicalFormTest.third());

        assertThat(walk(log)).isEqualTo(new Verification(3, null));
    }

    @Test
    void anAlteredPayloadIsNamedAsAlteredContent() {
        List<StoredEvent> log = new ArrayList<>(chain("D:2021:L1", 5, 1));
        StoredEvent original = log.get(2);
        log.set(2, withPayload(original, "{\"amount\":\"9999.00\"}"));

        Verification verification = walk(log);

        assertThat(verification.verified()).isEqualTo(2);
        assertThat(verification.brokenAt().eventId()).isEqualTo(original.eventId());
        assertThat(verification.brokenAt().sequenceNumber()).isEqualTo(2);
        assertThat(verification.brokenAt().globalPosition()).isEqualTo(original.globalIndex());
        assertThat(verification.brokenAt().reason()).isEqualTo(Reason.ALTERED_CONTENT);
    }

    @Test
    void aDeletedEventIsNamedAsAGapAtTheEventAfterIt() {
        List<StoredEvent> log = new ArrayList<>(chain("D:2021:L1", 5, 1));
        log.remove(3);

        BrokenLink broken = walk(log).brokenAt();

        assertThat(broken.sequenceNumber()).isEqualTo(4);
        assertThat(broken.reason()).isEqualTo(Reason.MISSING_EVENT);
        assertThat(broken.detail()).contains("sequence number 3 ");
    }

    @Test
    void aDeletedFirstEventIsAGapToo() {
        List<StoredEvent> log = new ArrayList<>(chain("D:2021", 2, 1));
        log.remove(0);

        assertThat(walk(log).brokenAt().reason()).isEqualTo(Reason.MISSING_EVENT);
    }

    @Test
    void anEventAlteredAndReHashedBreaksTheLinkOfItsSuccessor() {
        List<StoredEvent> log = new ArrayList<>(chain("D:2021:L1", 4, 1));
        StoredEvent altered = withPayload(log.get(1), "{\"amount\":\"1.00\"}");
        log.set(1, rehashed(altered, altered.prevHash()));

        BrokenLink broken = walk(log).brokenAt();

        assertThat(broken.sequenceNumber()).isEqualTo(2);
        assertThat(broken.reason()).isEqualTo(Reason.WRONG_PREVIOUS_HASH);
    }

    @Test
    void aFirstEventThatClaimsAPredecessorIsAWrongLink() {
        StoredEvent first = chain("D:2021", 1, 1).get(0);
        StoredEvent claiming = rehashed(first, new byte[EventCanonicalForm.HASH_LENGTH]);

        assertThat(walk(List.of(claiming)).brokenAt().reason()).isEqualTo(Reason.WRONG_PREVIOUS_HASH);
    }

    /** {@code count} events of one aggregate, chained as the trigger chains them, from global index {@code from}. */
    static List<StoredEvent> chain(String aggregateId, int count, long from) {
        List<StoredEvent> events = new ArrayList<>();
        byte[] previous = null;
        for (int seq = 0; seq < count; seq++) {
            StoredEvent unhashed = new StoredEvent(
                    from + seq,
                    aggregateId + "#" + seq,
                    aggregateId,
                    seq,
                    "BudgetLine",
                    "2021-03-0" + (seq % 9 + 1) + "T08:00:00Z",
                    "io.budgetmonitor.api.events.BudgetAdjusted",
                    null,
                    "{\"amount\":\"" + seq + ".00\",\"occurredOn\":\"2021-03-01\"}",
                    "{\"recordedBy\":\"财务室\"}",
                    null,
                    null);
            StoredEvent hashed = rehashed(unhashed, previous);
            events.add(hashed);
            previous = hashed.eventHash();
        }
        return events;
    }

    static StoredEvent rehashed(StoredEvent e, byte[] prevHash) {
        return new StoredEvent(
                e.globalIndex(),
                e.eventId(),
                e.aggregateId(),
                e.sequenceNumber(),
                e.aggregateType(),
                e.timestamp(),
                e.payloadType(),
                e.payloadRevision(),
                e.payload(),
                e.metaData(),
                EventCanonicalForm.hash(e, prevHash),
                prevHash);
    }

    private static StoredEvent withPayload(StoredEvent e, String payload) {
        return new StoredEvent(
                e.globalIndex(),
                e.eventId(),
                e.aggregateId(),
                e.sequenceNumber(),
                e.aggregateType(),
                e.timestamp(),
                e.payloadType(),
                e.payloadRevision(),
                payload,
                e.metaData(),
                e.eventHash(),
                e.prevHash());
    }

    private static Verification walk(List<StoredEvent> log) {
        ChainWalk walk = new ChainWalk();
        for (StoredEvent event : log) {
            Optional<BrokenLink> broken = walk.check(event);
            if (broken.isPresent()) {
                return new Verification(walk.verified(), broken.get());
            }
        }
        return new Verification(walk.verified(), null);
    }
}
