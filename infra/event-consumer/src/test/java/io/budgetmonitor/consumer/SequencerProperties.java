package io.budgetmonitor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The sequencing decider alone: whatever the order, duplication and batching of deliveries, every event is
 * applied exactly once, each aggregate's in sequence order; a parked number does not hold its successors;
 * an expired hold parks or releases exactly the held events. Between batches the state goes through a model
 * of the store, written from the decider's outputs only, as {@link ConsumerStore} writes them.
 */
class SequencerProperties {

    record Ev(String aggregate, long seq) {}

    /** What the bookkeeping tables hold between batches. */
    static final class Store {
        final Map<String, Long> last = new HashMap<>();
        final Map<String, TreeMap<Long, Ev>> held = new HashMap<>();
        final Set<String> gapOpen = new HashSet<>();
        final List<Ev> applied = new ArrayList<>();
        final List<Ev> parked = new ArrayList<>();
        final Map<String, List<Long>> deadLetters = new HashMap<>();

        Sequencer<Ev> load(List<Ev> batch) {
            Sequencer<Ev> s = new Sequencer<>(Ev::aggregate, Ev::seq);
            Set<String> aggregates = new HashSet<>();
            batch.forEach(e -> aggregates.add(e.aggregate()));
            for (String a : aggregates) {
                s.load(
                        a,
                        last.getOrDefault(a, -1L),
                        held.getOrDefault(a, new TreeMap<>()).values(),
                        gapOpen.contains(a),
                        deadLetters.getOrDefault(a, List.of()));
            }
            return s;
        }

        void write(Sequencer<Ev> s) {
            applied.addAll(s.applied());
            parked.addAll(s.expiredHeld());
            s.advanced().forEach((a, seq) -> last.merge(a, seq, Math::max));
            s.storedHeldRemoved().forEach(e -> held.get(e.aggregate()).remove(e.seq()));
            s.newlyHeld()
                    .forEach(e -> held.computeIfAbsent(e.aggregate(), k -> new TreeMap<>())
                            .put(e.seq(), e));
            gapOpen.removeAll(s.gapsClosed());
            for (var g : s.gapsOpened()) {
                if (s.gapOpen(g.aggregateId())) {
                    gapOpen.add(g.aggregateId());
                }
            }
        }

        void deliver(List<Ev> batch) {
            Sequencer<Ev> s = load(batch);
            batch.forEach(s::offer);
            write(s);
        }

        int heldCount() {
            return held.values().stream().mapToInt(Map::size).sum();
        }
    }

    static List<Ev> events(int aggregates, int perAggregate) {
        List<Ev> all = new ArrayList<>();
        for (int a = 0; a < aggregates; a++) {
            for (int s = 0; s < perAggregate; s++) {
                all.add(new Ev("agg-" + a, s));
            }
        }
        return all;
    }

    /** Every event at least once, a random share more often, shuffled, cut into random batches. */
    static List<List<Ev>> deliveries(List<Ev> events, long seed, int maxBatch) {
        Random random = new Random(seed);
        List<Ev> stream = new ArrayList<>(events);
        for (Ev e : events) {
            int extra = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
            for (int i = 0; i < extra; i++) {
                stream.add(e);
            }
        }
        Collections.shuffle(stream, random);
        List<List<Ev>> batches = new ArrayList<>();
        int i = 0;
        while (i < stream.size()) {
            int size = 1 + random.nextInt(maxBatch);
            batches.add(stream.subList(i, Math.min(stream.size(), i + size)));
            i += size;
        }
        return batches;
    }

    static void assertInSequenceOrder(List<Ev> applied) {
        Map<String, Long> previous = new HashMap<>();
        for (Ev e : applied) {
            assertThat(e.seq()).isEqualTo(previous.getOrDefault(e.aggregate(), -1L) + 1);
            previous.put(e.aggregate(), e.seq());
        }
    }

    @Property(tries = 300)
    void anyOrderAndDuplicationAppliesEveryEventOnceInSequenceOrder(
            @ForAll @IntRange(min = 1, max = 6) int aggregates,
            @ForAll @IntRange(min = 1, max = 12) int perAggregate,
            @ForAll @IntRange(min = 1, max = 20) int maxBatch,
            @ForAll long seed) {
        List<Ev> events = events(aggregates, perAggregate);
        Store store = new Store();
        deliveries(events, seed, maxBatch).forEach(store::deliver);

        assertThat(store.applied).containsExactlyInAnyOrderElementsOf(events);
        assertInSequenceOrder(store.applied);
        assertThat(store.heldCount()).isZero();
        assertThat(store.gapOpen).isEmpty();
    }

    @Property(tries = 200)
    void theAppliedSetDoesNotDependOnTheBatching(
            @ForAll @IntRange(min = 1, max = 4) int aggregates,
            @ForAll @IntRange(min = 1, max = 10) int perAggregate,
            @ForAll long seed) {
        List<Ev> events = events(aggregates, perAggregate);
        List<List<Ev>> batches = deliveries(events, seed, 15);
        Store batched = new Store();
        batches.forEach(batched::deliver);
        Store oneByOne = new Store();
        batches.stream().flatMap(List::stream).forEach(e -> oneByOne.deliver(List.of(e)));

        assertThat(batched.applied).containsExactlyElementsOf(oneByOne.applied);
        assertThat(batched.last).isEqualTo(oneByOne.last);
    }

    @Property(tries = 200)
    void aParkedNumberDoesNotHoldItsSuccessors(
            @ForAll @IntRange(min = 2, max = 10) int perAggregate,
            @ForAll @IntRange(min = 0, max = 9) int poisonAt,
            @ForAll long seed) {
        int poison = poisonAt % perAggregate;
        List<Ev> events = events(1, perAggregate);
        Store store = new Store();
        for (List<Ev> batch : deliveries(events, seed, 5)) {
            Sequencer<Ev> s = store.load(batch);
            for (Ev e : batch) {
                if (e.seq() == poison) {
                    s.skip(e.aggregate(), e.seq()); // unreadable: parked, its number consumed
                    store.deadLetters
                            .computeIfAbsent(e.aggregate(), k -> new ArrayList<>())
                            .add(e.seq());
                } else {
                    s.offer(e);
                }
            }
            store.write(s);
        }
        List<Ev> expected = new ArrayList<>(events);
        expected.remove(new Ev("agg-0", poison));
        assertThat(store.applied).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.heldCount()).isZero();
        assertThat(store.last.get("agg-0")).isEqualTo(perAggregate - 1L);
    }

    @Property(tries = 200)
    void anExpiredHoldParksOrReleasesExactlyTheHeldEventsAndLaterOnesFlow(
            @ForAll @IntRange(min = 3, max = 10) int perAggregate,
            @ForAll @IntRange(min = 0, max = 9) int missingAt,
            @ForAll boolean release) {
        int missing = missingAt % (perAggregate - 1);
        List<Ev> events = events(1, perAggregate);
        List<Ev> delivered = new ArrayList<>(events);
        delivered.remove(new Ev("agg-0", missing)); // never comes
        Store store = new Store();
        store.deliver(delivered);
        assertThat(store.applied).hasSize(missing);
        assertThat(store.heldCount()).isEqualTo(perAggregate - 1 - missing);

        Sequencer<Ev> s = store.load(List.of(new Ev("agg-0", 0)));
        s.expire("agg-0", release);
        store.write(s);

        List<Ev> after = delivered.subList(missing, delivered.size());
        if (release) {
            assertThat(store.applied.subList(missing, store.applied.size())).containsExactlyElementsOf(after);
            assertThat(store.parked).isEmpty();
        } else {
            assertThat(store.parked).containsExactlyElementsOf(after);
            assertThat(store.applied).hasSize(missing);
        }
        assertThat(store.heldCount()).isZero();
        assertThat(store.gapOpen).isEmpty();

        Ev next = new Ev("agg-0", perAggregate);
        store.deliver(List.of(next, new Ev("agg-0", missing))); // a later event flows; the late one is a no-op
        assertThat(store.applied).endsWith(next).doesNotHaveDuplicates();
    }

    @Example
    void aRedeliveryOfAHeldEventIsADuplicate() {
        Store store = new Store();
        store.deliver(List.of(new Ev("a", 2), new Ev("a", 2)));
        assertThat(store.heldCount()).isEqualTo(1);
        Sequencer<Ev> s = store.load(List.of(new Ev("a", 2)));
        s.offer(new Ev("a", 2));
        assertThat(s.duplicates()).isEqualTo(1);
        assertThat(s.newlyHeld()).isEmpty();
        assertThat(store.gapOpen).containsExactly("a");
    }
}
