package io.budgetmonitor.consumer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The sequencing decider (排序判定): given the last applied sequence number of each aggregate and the
 * events held behind a gap, it decides for each delivery whether it is a redelivery (seq ≤ last: no
 * effect), the next one (last + 1: applied, then every held successor it unblocks) or early (a gap:
 * held until the missing ones arrive). Pure: no I/O, no clock; the store loads its state and writes
 * back what it decided, the caller projects {@link #applied()} in that order.
 *
 * <p>Whatever the order and repetition of deliveries, every event is applied exactly once and each
 * aggregate's events in sequence order ({@code SequencerProperties}).
 *
 * @param <E> the event (a {@code RecordedEvent} in the readers, anything with coordinates in tests)
 */
public final class Sequencer<E> {

    /** A gap opened by this decision: {@code expected} was next, {@code received} came. */
    public record Gap<E>(String aggregateId, long expected, long received, E event) {}

    private static final class Stream<E> {
        final String aggregateId;
        long last;
        boolean advanced;
        /** held events by sequence number; {@code true} when stored (held by an earlier batch) */
        final TreeMap<Long, Held<E>> held = new TreeMap<>();

        boolean gapOpen;
        /** numbers beyond {@code last} whose messages were parked: consumed when the stream reaches them */
        final java.util.TreeSet<Long> parkedAhead = new java.util.TreeSet<>();

        Stream(String aggregateId, long last) {
            this.aggregateId = aggregateId;
            this.last = last;
        }
    }

    private record Held<E>(E event, boolean stored) {}

    private final Function<E, String> aggregateOf;
    private final ToLongFunction<E> sequenceOf;
    private final Map<String, Stream<E>> streams = new HashMap<>();

    private final List<E> applied = new ArrayList<>();
    private final List<E> newlyHeld = new ArrayList<>();
    private final List<E> storedHeldRemoved = new ArrayList<>();
    private final List<E> expiredHeld = new ArrayList<>();
    private final List<Gap<E>> gapsOpened = new ArrayList<>();
    private final List<String> gapsClosed = new ArrayList<>();
    private int duplicates;

    public Sequencer(Function<E, String> aggregateOf, ToLongFunction<E> sequenceOf) {
        this.aggregateOf = aggregateOf;
        this.sequenceOf = sequenceOf;
    }

    /** What the store knows of an aggregate before this batch; aggregates not loaded start at −1. */
    public Sequencer<E> load(String aggregateId, long lastApplied, Collection<E> storedHeld, boolean gapOpen) {
        return load(aggregateId, lastApplied, storedHeld, gapOpen, List.of());
    }

    /** As above, with the numbers of parked messages (dead letters) of the aggregate; those ≤ last are ignored. */
    public Sequencer<E> load(
            String aggregateId, long lastApplied, Collection<E> storedHeld, boolean gapOpen, Collection<Long> parked) {
        Stream<E> s = new Stream<>(aggregateId, lastApplied);
        for (long p : parked) {
            if (p > lastApplied) {
                s.parkedAhead.add(p);
            }
        }
        for (E e : storedHeld) {
            s.held.put(sequenceOf.applyAsLong(e), new Held<>(e, true));
        }
        s.gapOpen = gapOpen;
        streams.put(aggregateId, s);
        return this;
    }

    /** A readable delivery. */
    public void offer(E event) {
        Stream<E> s = stream(aggregateOf.apply(event));
        long seq = sequenceOf.applyAsLong(event);
        if (seq <= s.last || s.held.containsKey(seq)) {
            duplicates++;
        } else if (seq > s.last + 1) {
            s.held.put(seq, new Held<>(event, false));
            newlyHeld.add(event);
            if (!s.gapOpen) {
                s.gapOpen = true;
                gapsOpened.add(new Gap<>(s.aggregateId, s.last + 1, seq, event));
            }
        } else {
            apply(s, event);
            drain(s);
        }
    }

    /**
     * A sequence number consumed without being applied (its message was parked), so the aggregate's later
     * events are not held forever behind it. A number already passed changes nothing.
     */
    public void skip(String aggregateId, long sequence) {
        Stream<E> s = stream(aggregateId);
        if (sequence == s.last + 1) {
            advance(s, sequence);
            drain(s);
        } else if (sequence > s.last + 1) {
            // ahead of a gap: consumed once the stream reaches it (the store finds it again among the dead letters)
            s.parkedAhead.add(sequence);
        }
    }

    /**
     * The aggregate's held events waited too long for a missing predecessor. {@code release}: apply them
     * in order as if the missing numbers had been parked; otherwise they are handed back in
     * {@link #expiredHeld()} to be parked, and the aggregate moves past them.
     */
    public void expire(String aggregateId, boolean release) {
        Stream<E> s = stream(aggregateId);
        if (s.held.isEmpty()) {
            return;
        }
        if (release) {
            advance(s, s.held.firstKey() - 1);
            drain(s);
            return;
        }
        for (Held<E> h : s.held.values()) {
            expiredHeld.add(h.event());
            if (h.stored()) {
                storedHeldRemoved.add(h.event());
            } else {
                newlyHeld.remove(h.event());
            }
        }
        advance(s, s.held.lastKey());
        s.held.clear();
        closeGap(s);
    }

    private Stream<E> stream(String aggregateId) {
        return streams.computeIfAbsent(aggregateId, id -> new Stream<>(id, -1));
    }

    private void apply(Stream<E> s, E event) {
        applied.add(event);
        advance(s, sequenceOf.applyAsLong(event));
    }

    private static void advance(Stream<?> s, long sequence) {
        s.last = sequence;
        s.advanced = true;
    }

    private void drain(Stream<E> s) {
        while (true) {
            Held<E> next = s.held.remove(s.last + 1);
            if (next != null) {
                if (next.stored()) {
                    storedHeldRemoved.add(next.event());
                } else {
                    newlyHeld.remove(next.event());
                }
                apply(s, next.event());
            } else if (s.parkedAhead.remove(s.last + 1)) {
                advance(s, s.last + 1);
            } else {
                break;
            }
        }
        s.parkedAhead.headSet(s.last, true).clear();
        if (s.held.isEmpty()) {
            closeGap(s);
        }
    }

    private void closeGap(Stream<E> s) {
        if (s.gapOpen) {
            s.gapOpen = false;
            gapsClosed.add(s.aggregateId);
        }
    }

    /** Events to project, in the order to project them (each aggregate's in sequence order). */
    public List<E> applied() {
        return applied;
    }

    /** Events held by this batch and still held at its end (to store). */
    public List<E> newlyHeld() {
        return newlyHeld;
    }

    /** Stored held events no longer held (applied or expired: to delete). */
    public List<E> storedHeldRemoved() {
        return storedHeldRemoved;
    }

    /** Held events given up on by {@link #expire} without release (to park). */
    public List<E> expiredHeld() {
        return expiredHeld;
    }

    /** Gaps opened (and possibly closed again) by this batch. */
    public List<Gap<E>> gapsOpened() {
        return gapsOpened;
    }

    /** Aggregates whose gap closed in this batch (no held event left); may name a gap opened here. */
    public List<String> gapsClosed() {
        return gapsClosed;
    }

    public int duplicates() {
        return duplicates;
    }

    /** The new last applied (or skipped) sequence of every aggregate that moved. */
    public Map<String, Long> advanced() {
        Map<String, Long> moved = new HashMap<>();
        for (Stream<E> s : streams.values()) {
            if (s.advanced) {
                moved.put(s.aggregateId, s.last);
            }
        }
        return moved;
    }

    /** Whether the aggregate has an open gap at the end of this batch. */
    public boolean gapOpen(String aggregateId) {
        Stream<E> s = streams.get(aggregateId);
        return s != null && s.gapOpen;
    }
}
