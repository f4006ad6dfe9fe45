package io.budgetmonitor.command.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ImportBatchCacheTest {

    private final ImportBatchCache cache = new ImportBatchCache();

    @Test
    void outsideABatchNothingIsKept() {
        cache.put("BY-SJ:2021:L1", "state");

        assertThat(cache.<String, Object>get("BY-SJ:2021:L1")).isNull();
        assertThat(cache.containsKey("BY-SJ:2021:L1")).isFalse();
        assertThat(cache.putIfAbsent("BY-SJ:2021:L1", "state")).isFalse();
    }

    @Test
    void aBatchKeepsWhatItLoadedUntilItEnds() {
        try (ImportBatchCache.Scope ignored = cache.open()) {
            cache.put("BY-SJ:2021:L1", "state");
            assertThat(cache.<String, Object>get("BY-SJ:2021:L1")).isEqualTo("state");
            assertThat(cache.remove("BY-SJ:2021:L1")).isTrue();
            assertThat(cache.<String, Object>get("BY-SJ:2021:L1")).isNull();
            cache.put("BY-SJ:2021:L2", "state");
        }

        assertThat(cache.<String, Object>get("BY-SJ:2021:L2")).isNull();
        try (ImportBatchCache.Scope ignored = cache.open()) {
            assertThat(cache.<String, Object>get("BY-SJ:2021:L2"))
                    .as("a new batch starts empty")
                    .isNull();
        }
    }

    @Test
    void anotherThreadNeverSeesABatchsLines() {
        try (ImportBatchCache.Scope ignored = cache.open()) {
            cache.put("BY-SJ:2021:L1", "state");

            Object seenElsewhere = CompletableFuture.supplyAsync(() -> cache.get("BY-SJ:2021:L1"))
                    .join();

            assertThat(seenElsewhere).isNull();
        }
    }
}
