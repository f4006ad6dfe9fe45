package io.budgetmonitor.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifiersTest {

    @Test
    void axonFindsItThroughItsServiceLoader() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifiers.class);
        UUID id = UUID.fromString(IdentifierFactory.getInstance().generateIdentifier());
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Property
    void carriesItsMillisecondInTheLeadingBitsAsAVersion7Uuid(
            @ForAll @LongRange(min = 0, max = (1L << 48) - 1) long millis) {
        UUID id = TimeOrderedIdentifiers.create(millis);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Property
    void aLaterMillisecondSortsAfter(
            @ForAll @LongRange(min = 0, max = (1L << 48) - 2) long millis,
            @ForAll @LongRange(min = 1, max = 1000) long later) {
        long next = Math.min((1L << 48) - 1, millis + later);
        String first = TimeOrderedIdentifiers.create(millis).toString();
        String second = TimeOrderedIdentifiers.create(next).toString();
        // the text form sorts like the time (fixed-width lower-case hex), as the index on event_identifier sees it
        assertThat(first.compareTo(second)).isNegative();
    }

    /** Many threads at once, many ids in each millisecond: every id distinct (each thread has its own stream). */
    @Test
    void manyThreadsAtOnceNeverCollide() throws Exception {
        int threads = 8;
        int perThread = 100_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> made = new ArrayList<>();
            IdentifierFactory factory = IdentifierFactory.getInstance();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> task = () -> {
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(factory.generateIdentifier());
                    }
                    return ids;
                };
                made.add(pool.submit(task));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> ids : made) {
                all.addAll(ids.get());
            }
            assertThat(all).hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }
}
