package io.budgetmonitor.command.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Java must reproduce the trigger's bytes exactly. The expected hashes were produced by PostgreSQL 15
 * running {@code V4__event_chain.sql} on these rows (psql, {@code encode(event_hash, 'hex')}).
 */
class EventCanonicalFormTest {

    static final HexFormat HEX = HexFormat.of();
    static final String HASH_0 = "7a20949c0a92a22d0610e3169d6fbbd96e7205bad047ad4e74f1048ca4a6bd99";
    static final String HASH_1 = "d59c92e724bbc2c3c70cb3947c8899eb4d4dc94c1f31c1d0189da9b30d9a8a1c";
    static final String HASH_2 = "5ac9405912fd2a44fdb799d5b71670e92be26646a5f8578fb53d23f5fab9a239";

    static StoredEvent first() {
        return new StoredEvent(
                1,
                "e0",
                "A",
                0,
                "T",
                "2021-01-01T00:00:00Z",
                "P",
                null,
                "{\"x\":\"石井\"}",
                "{}",
                HEX.parseHex(HASH_0),
                null);
    }

    static StoredEvent second() {
        return new StoredEvent(
                2,
                "e1",
                "A",
                1,
                "T",
                "2021-01-01T00:00:01Z",
                "P",
                null,
                "{}",
                null,
                HEX.parseHex(HASH_1),
                HEX.parseHex(HASH_0));
    }

    static StoredEvent third() {
        return new StoredEvent(
                3,
                "e2",
                "A",
                2,
                "T",
                "t",
                "P",
                null,
                "{}",
                "{\"recordedBy\":\"财务室\"}",
                HEX.parseHex(HASH_2),
                HEX.parseHex(HASH_1));
    }

    @Test
    void hashesAsThePostgresTriggerDoesIncludingNullsAndChineseText() {
        assertThat(HEX.formatHex(EventCanonicalForm.hash(first(), null))).isEqualTo(HASH_0);
        assertThat(HEX.formatHex(EventCanonicalForm.hash(second(), HEX.parseHex(HASH_0))))
                .isEqualTo(HASH_1);
        assertThat(HEX.formatHex(EventCanonicalForm.hash(third(), HEX.parseHex(HASH_1))))
                .isEqualTo(HASH_2);
    }

    @Test
    void fieldsAreLengthPrefixedSoMovingABoundaryChangesTheBytes() {
        StoredEvent a = new StoredEvent(1, "ab", "c", 0, null, "t", "P", null, "{}", null, null, null);
        StoredEvent b = new StoredEvent(1, "a", "bc", 0, null, "t", "P", null, "{}", null, null, null);
        assertThat(EventCanonicalForm.bytes(a, null)).isNotEqualTo(EventCanonicalForm.bytes(b, null));
    }

    @Test
    void anEmptyTextIsNotANullOne() {
        StoredEvent empty = new StoredEvent(1, "e", "A", 0, "T", "t", "P", "", "{}", "", null, null);
        StoredEvent nulls = new StoredEvent(1, "e", "A", 0, "T", "t", "P", null, "{}", null, null, null);
        assertThat(EventCanonicalForm.hash(empty, null)).isNotEqualTo(EventCanonicalForm.hash(nulls, null));
    }

    @Test
    void everyCoveredColumnChangesTheHash() {
        byte[] original = EventCanonicalForm.hash(third(), third().prevHash());
        StoredEvent e = third();
        StoredEvent[] variants = {
            new StoredEvent(
                    e.globalIndex(),
                    "e9",
                    e.aggregateId(),
                    e.sequenceNumber(),
                    e.aggregateType(),
                    e.timestamp(),
                    e.payloadType(),
                    e.payloadRevision(),
                    e.payload(),
                    e.metaData(),
                    null,
                    null),
            new StoredEvent(
                    e.globalIndex(),
                    e.eventId(),
                    "B",
                    e.sequenceNumber(),
                    e.aggregateType(),
                    e.timestamp(),
                    e.payloadType(),
                    e.payloadRevision(),
                    e.payload(),
                    e.metaData(),
                    null,
                    null),
            new StoredEvent(
                    e.globalIndex(),
                    e.eventId(),
                    e.aggregateId(),
                    7,
                    e.aggregateType(),
                    e.timestamp(),
                    e.payloadType(),
                    e.payloadRevision(),
                    e.payload(),
                    e.metaData(),
                    null,
                    null),
            new StoredEvent(
                    e.globalIndex(),
                    e.eventId(),
                    e.aggregateId(),
                    e.sequenceNumber(),
                    "U",
                    e.timestamp(),
                    e.payloadType(),
                    e.payloadRevision(),
                    e.payload(),
                    e.metaData(),
                    null,
                    null),
            new StoredEvent(
                    e.globalIndex(),
                    e.eventId(),
                    e.aggregateId(),
                    e.sequenceNumber(),
                    e.aggregateType(),
                    "t2",
                    e.payloadType(),
                    e.payloadRevision(),
                    e.payload(),
                    e.metaData(),
                    null,
                    null),
            new StoredEvent(
                    e.globalIndex(),
                    e.eventId(),
                    e.aggregateId(),
                    e.sequenceNumber(),
                    e.aggregateType(),
                    e.timestamp(),
                    "Q",
                    e.payloadRevision(),
                    e.payload(),
                    e.metaData(),
                    null,
                    null),
            new StoredEvent(
                    e.globalIndex(),
                    e.eventId(),
                    e.aggregateId(),
                    e.sequenceNumber(),
                    e.aggregateType(),
                    e.timestamp(),
                    e.payloadType(),
                    "2",
                    e.payload(),
                    e.metaData(),
                    null,
                    null),
            new StoredEvent(
                    e.globalIndex(),
                    e.eventId(),
                    e.aggregateId(),
                    e.sequenceNumber(),
                    e.aggregateType(),
                    e.timestamp(),
                    e.payloadType(),
                    e.payloadRevision(),
                    "{ }",
                    e.metaData(),
                    null,
                    null),
            new StoredEvent(
                    e.globalIndex(),
                    e.eventId(),
                    e.aggregateId(),
                    e.sequenceNumber(),
                    e.aggregateType(),
                    e.timestamp(),
                    e.payloadType(),
                    e.payloadRevision(),
                    e.payload(),
                    "{\"recordedBy\":\"某人\"}",
                    null,
                    null),
        };
        for (StoredEvent variant : variants) {
            assertThat(EventCanonicalForm.hash(variant, e.prevHash()))
                    .as(variant.toString())
                    .isNotEqualTo(original);
        }
        assertThat(EventCanonicalForm.hash(e, HEX.parseHex(HASH_0))).isNotEqualTo(original);
    }
}
