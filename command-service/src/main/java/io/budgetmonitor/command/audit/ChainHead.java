package io.budgetmonitor.command.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The chain head of a department-year (链头): one SHA-256 over the heads of its aggregates (the fiscal
 * year and each budget line), so an auditor who wrote it down once can later ask again and compare.
 * Any change to a stored event changes its aggregate's head hash or, deleted at the end of a chain,
 * the aggregate's last sequence number, and with them this hash; {@code events} and
 * {@code lastPosition} say how much of the log it covers.
 *
 * @param head         hex SHA-256 over, per aggregate in UTF-8 byte order of its id: field(id), int8
 *                     last sequence number, its 32-byte hash (field as in {@link EventCanonicalForm});
 *                     the hash of no bytes when the department-year has no events
 * @param aggregates   how many aggregates (chains) the department-year has
 * @param events       how many events they hold
 * @param lastPosition the highest global index among them (0 when none)
 * @param atPosition   the log position the head was taken at, if the caller asked for a past one
 */
public record ChainHead(
        String department, int year, String head, int aggregates, long events, long lastPosition, Long atPosition) {

    private static final Comparator<AggregateHead> BY_ID_BYTES = (a, b) -> Arrays.compareUnsigned(
            a.aggregateId().getBytes(StandardCharsets.UTF_8), b.aggregateId().getBytes(StandardCharsets.UTF_8));

    public static ChainHead of(
            String department, int year, List<AggregateHead> heads, long events, long lastPosition, Long atPosition) {
        return new ChainHead(department, year, digest(heads), heads.size(), events, lastPosition, atPosition);
    }

    static String digest(List<AggregateHead> heads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(heads.size() * 80);
        heads.stream().sorted(BY_ID_BYTES).forEach(head -> {
            EventCanonicalForm.text(out, head.aggregateId());
            out.writeBytes(ByteBuffer.allocate(Long.BYTES)
                    .putLong(head.sequenceNumber())
                    .array());
            out.writeBytes(head.eventHash());
        });
        return HexFormat.of().formatHex(EventCanonicalForm.sha256(out.toByteArray()));
    }
}
