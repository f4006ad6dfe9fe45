package io.budgetmonitor.command.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The canonical bytes of a stored event (规范形式), version 1, and their SHA-256 chained to the previous
 * event's hash. PostgreSQL computes the same bytes at insert ({@code event_chain_hash} in
 * {@code db/migration/V4__event_chain.sql}); a verifier that disagreed with the trigger by one byte
 * would call every event altered, so {@code EventCanonicalFormTest} pins hashes the database produced.
 *
 * <p>Each text is hashed exactly as stored (UTF-8), not re-serialized: a JSON payload that parses to
 * the same value but differs in a byte is a different record. Fields are length-prefixed, so no two
 * different rows can concatenate to the same bytes.
 */
public final class EventCanonicalForm {

    public static final int HASH_LENGTH = 32;
    private static final int NULL_LENGTH = -1;

    private EventCanonicalForm() {}

    /** field(x) for each column, in the migration's order, then the previous hash (null at sequence 0). */
    public static byte[] bytes(StoredEvent event, byte[] prevHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metaData()));
        text(out, event.eventId());
        text(out, event.aggregateId());
        out.writeBytes(
                ByteBuffer.allocate(Long.BYTES).putLong(event.sequenceNumber()).array());
        text(out, event.aggregateType());
        text(out, event.timestamp());
        text(out, event.payloadType());
        text(out, event.payloadRevision());
        text(out, event.payload());
        text(out, event.metaData());
        field(out, prevHash);
        return out.toByteArray();
    }

    /** The hash the database should have stored for {@code event} after {@code prevHash}. */
    public static byte[] hash(StoredEvent event, byte[] prevHash) {
        return sha256(bytes(event, prevHash));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static void text(ByteArrayOutputStream out, String value) {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES)
                .putInt(value == null ? NULL_LENGTH : value.length)
                .array());
        if (value != null) {
            out.writeBytes(value);
        }
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
