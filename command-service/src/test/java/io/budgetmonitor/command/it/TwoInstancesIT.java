package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.command.eventstore.AggregateCache;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * Two command-service instances (two Spring contexts, each with its own aggregate cache) on ONE
 * database: what one instance cached is never decided on after the other appended.
 */
class TwoInstancesIT extends IntegrationTest {

    private static RunningCommandService other;

    @Autowired
    Environment environment;

    @Autowired
    AggregateCache cache;

    @BeforeEach
    void startTheOtherInstance() {
        if (other == null) {
            other = RunningCommandService.startOn(
                    environment.getRequiredProperty("spring.datasource.url"),
                    environment.getRequiredProperty("spring.datasource.username"),
                    environment.getRequiredProperty("spring.datasource.password"),
                    "two-instances");
        }
    }

    @AfterAll
    static void stopTheOtherInstance() {
        if (other != null) {
            other.close();
            other = null;
        }
    }

    @Test
    void aCachedLineIsLoadedAgainWhenTheOtherInstanceAppendedToIt() {
        String department = newDepartment("TWO");
        openYearWithLine(department, "L1", "100.00");
        String path = yearPath(department, 2021) + "/lines/L1/disbursements";
        String line = department + ":2021:L1";

        assertThat(post(path, disbursement("A-1", "10.00")).status()).isEqualTo(201);
        assertThat(cache.holds(line)).as("cached once committed").isTrue();
        RunningCommandService.Answer elsewhere = other.post(path, disbursement("B-1", "80.00"), Map.of());
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(201);
        long staleBefore = cache.staleEntries();

        // this instance's entry says 90.00 available; the store says 10.00
        Response refused = post(path, disbursement("A-2", "20.00"));

        assertThat(cache.staleEntries()).isEqualTo(staleBefore + 1);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(new BigDecimal(refused.body().get("available").asText())).isEqualByComparingTo("10.00");
        Response fits = post(path, disbursement("A-3", "10.00"));
        assertThat(fits.status()).isEqualTo(201);
        assertThat(new BigDecimal(fits.body().get("available").asText())).isEqualByComparingTo("0.00");
    }

    @Test
    void concurrentWritersOnOneLineFromTwoInstancesNeitherLoseNorDoublePayments() throws Exception {
        String department = newDepartment("TWC");
        openYearWithLine(department, "L1", "1000.00");
        String path = yearPath(department, 2021) + "/lines/L1/disbursements";
        // both instances hold the line in their caches before the race
        assertThat(post(path, disbursement("W-A", "1.00")).status()).isEqualTo(201);
        assertThat(other.post(path, disbursement("W-B", "1.00"), Map.of()).status())
                .isEqualTo(201);
        int payments = 60; // 60 x 25.00 = 1,500.00 asked of the 998.00 left
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<Integer>> statuses = new ArrayList<>();
        try {
            for (int i = 0; i < payments; i++) {
                String voucher = "C-" + i;
                boolean here = i % 2 == 0;
                statuses.add(clients.submit((Callable<Integer>) () -> here
                        ? post(path, disbursement(voucher, "25.00")).status()
                        : other.post(path, disbursement(voucher, "25.00"), Map.of())
                                .status()));
            }
            int recorded = 0;
            int refused = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get();
                assertThat(code).isIn(201, 409);
                if (code == 201) {
                    recorded++;
                } else {
                    refused++;
                }
            }

            // 998.00 / 25.00: exactly 39 fit, whoever decided them
            assertThat(recorded).isEqualTo(39);
            assertThat(refused).isEqualTo(payments - 39);
            assertThat(eventCount(department + ":", "DisbursementRecorded")).isEqualTo(2 + 39);
            assertThat(eventCount(department + ":", "DisbursementRejected")).isEqualTo(payments - 39);
            assertThat(jdbc.queryForObject(
                            "SELECT count(*) FROM voucher_book WHERE department = ?", Long.class, department))
                    .isEqualTo(2 + 39);
            assertThat(jdbc.queryForObject(
                            "SELECT count(DISTINCT sequence_number) = count(*) FROM domain_event_entry "
                                    + "WHERE aggregate_identifier = ?",
                            Boolean.class,
                            department + ":2021:L1"))
                    .isTrue();
            Response last = post(path, disbursement("LAST", "23.00"));
            assertThat(last.status()).isEqualTo(201);
            assertThat(new BigDecimal(last.body().get("available").asText())).isEqualByComparingTo("0.00");
        } finally {
            clients.shutdownNow();
        }
    }
}
