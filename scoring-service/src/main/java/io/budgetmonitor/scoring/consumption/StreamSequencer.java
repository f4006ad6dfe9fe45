package io.budgetmonitor.scoring.consumption;

import io.budgetmonitor.api.wire.RecordedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The batch path's in-memory twin of {@link EventApplier}'s sequence rules, for every aggregate of one
 * poll batch: the state is loaded once ({@link StreamProgressStore#load}), each delivery is decided in
 * memory (duplicate / next / gap), and the outcome is written back once. The rules are the same as one
 * by one: seq ≤ last is a no-op; last + 1 is applied, then held successors drained; a later one is held
 * and the first gap of an aggregate recorded; a gap closes when no held event is left.
 */
final class StreamSequencer {

    /** One aggregate's stream as this batch sees it. */
    static final class Stream {
        final String aggregateId;
        long last;
        boolean advanced;
        /** held events by sequence number: stored ones (from held_event) and ones held in this batch */
        final TreeMap<Long, Held> held = new TreeMap<>();
        /** an open gap already in consumer_gap */
        boolean storedGapOpen;
        /** the gap opened in this batch, if any and not yet closed */
        NewGap openedHere;

        Stream(String aggregateId, long last) {
            this.aggregateId = aggregateId;
            this.last = last;
        }
    }

    /** A held event; a stored one is parsed only if it is drained. */
    record Held(StoredHeld stored, RecordedEvent event) {
        RecordedEvent resolve() {
            return event != null ? event : stored.toEvent();
        }
    }

    /** A held_event row as loaded. */
    record StoredHeld(
            String aggregateId,
            long sequence,
            String eventId,
            long position,
            String type,
            String payload,
            java.time.Instant recordedAt,
            String recordedBy,
            String correlationId) {
        RecordedEvent toEvent() {
            return new RecordedEvent(
                    eventId,
                    aggregateId,
                    sequence,
                    position,
                    recordedAt,
                    recordedBy,
                    correlationId,
                    EventApplier.parse(type, payload));
        }
    }

    /** A consumer_gap row to insert (possibly already resolved within this batch). */
    static final class NewGap {
        final String aggregateId;
        final long expected;
        final long received;
        final String eventId;
        final long position;
        boolean resolved;

        NewGap(String aggregateId, long expected, long received, String eventId, long position) {
            this.aggregateId = aggregateId;
            this.expected = expected;
            this.received = received;
            this.eventId = eventId;
            this.position = position;
        }
    }

    private final Map<String, Stream> streams;
    /** events to project, in the order one-by-one processing would apply them */
    final List<RecordedEvent> applied = new ArrayList<>();

    final List<StoredHeld> drainedStored = new ArrayList<>();
    final List<NewGap> newGaps = new ArrayList<>();
    final List<String> storedGapsClosed = new ArrayList<>();
    /** gaps closed in this batch, for the log line after commit */
    final List<String> closedGaps = new ArrayList<>();

    int duplicates;
    int heldCount;

    StreamSequencer(Map<String, Stream> streams) {
        this.streams = new HashMap<>(streams);
    }

    /** A readable event (EventApplier#apply). */
    void offer(RecordedEvent event) {
        Stream s = stream(event.aggregateId());
        long seq = event.sequenceNumber();
        if (seq <= s.last) {
            duplicates++;
        } else if (seq > s.last + 1) {
            hold(s, event);
        } else {
            apply(s, event);
            drain(s);
        }
    }

    /** A parked message's sequence number (EventApplier#skipParked). */
    void skipParked(String aggregateId, long sequence) {
        Stream s = stream(aggregateId);
        if (sequence == s.last + 1) {
            advance(s, sequence);
            drain(s);
        }
    }

    Iterable<Stream> streams() {
        return streams.values();
    }

    private Stream stream(String aggregateId) {
        // every aggregate of the batch was loaded; one only reached through a header is new
        return streams.computeIfAbsent(aggregateId, id -> new Stream(id, -1));
    }

    private void apply(Stream s, RecordedEvent event) {
        applied.add(event);
        advance(s, event.sequenceNumber());
    }

    private static void advance(Stream s, long sequence) {
        s.last = sequence;
        s.advanced = true;
    }

    private void hold(Stream s, RecordedEvent event) {
        if (s.held.containsKey(event.sequenceNumber())) {
            duplicates++; // held_event's primary key would have refused it
            return;
        }
        s.held.put(event.sequenceNumber(), new Held(null, event));
        heldCount++;
        if (!s.storedGapOpen && s.openedHere == null) {
            s.openedHere =
                    new NewGap(s.aggregateId, s.last + 1, event.sequenceNumber(), event.eventId(), event.position());
            newGaps.add(s.openedHere);
        }
    }

    private void drain(Stream s) {
        Held next;
        while ((next = s.held.remove(s.last + 1)) != null) {
            if (next.stored() != null) {
                drainedStored.add(next.stored());
            }
            apply(s, next.resolve());
        }
        if (s.held.isEmpty() && (s.storedGapOpen || s.openedHere != null)) {
            if (s.storedGapOpen) {
                storedGapsClosed.add(s.aggregateId);
                s.storedGapOpen = false;
            }
            if (s.openedHere != null) {
                s.openedHere.resolved = true;
                s.openedHere = null;
            }
            closedGaps.add(s.aggregateId);
        }
    }
}
