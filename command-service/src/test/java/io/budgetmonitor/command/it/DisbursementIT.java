package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Availability control and voucher idempotency on the real store. */
class DisbursementIT extends IntegrationTest {

    @Test
    void aRetriedVoucherStoresExactlyOneEvent() {
        String department = newDepartment("VCH");
        openYearWithLine(department, "GP-PUB-01", "10000.00");
        String path = yearPath(department, 2021) + "/lines/GP-PUB-01/disbursements";

        Response first = post(path, disbursement("V-7", "300.00"), as("recorder"));
        Response retry = post(path, disbursement("V-7", "300.00"), as("recorder"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().get("outcome").asText()).isEqualTo("ALREADY_RECORDED");
        assertThat(retry.body().get("recorded")).isEmpty();
        assertThat(retry.body().get("position").asLong())
                .isGreaterThanOrEqualTo(first.body().get("position").asLong());
        assertThat(eventCount(department + ":", "DisbursementRecorded")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM voucher_book WHERE department = ?", Long.class, department))
                .isEqualTo(1);
    }

    @Test
    void aVoucherReusedOnAnotherLineIsAConflict() {
        String department = newDepartment("VCX");
        openYearWithLine(department, "L-A", "1000.00");
        post(yearPath(department, 2021) + "/lines", """
                {"line":"L-B","name":"b","fundSource":"OTHER","expenditureType":"PROJECT","appropriation":false,"amount":"1000.00","occurredOn":"2021-01-05"}""", as("budget-office"));
        assertThat(post(
                                yearPath(department, 2021) + "/lines/L-A/disbursements",
                                disbursement("X-1", "10.00"),
                                as("recorder"))
                        .status())
                .isEqualTo(201);

        Response other = post(
                yearPath(department, 2021) + "/lines/L-B/disbursements", disbursement("X-1", "10.00"), as("recorder"));

        assertThat(other.status()).isEqualTo(409);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(eventCount(department + ":2021:L-B", "DisbursementRecorded")).isZero();
    }

    @Test
    void fiftyConcurrentDisbursementsNeverOverspendTheLastThousandYuan() throws Exception {
        String department = newDepartment("RACE");
        openYearWithLine(department, "GP-PUB-01", "50000.00");
        String path = yearPath(department, 2021) + "/lines/GP-PUB-01/disbursements";
        assertThat(post(path, disbursement("PRE-1", "49000.00"), as("recorder")).status())
                .isEqualTo(201);

        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<Response>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                String voucher = "RACE-" + i;
                String amount =
                        new BigDecimal("60.00").add(BigDecimal.valueOf(i)).toPlainString(); // 60..109 yuan
                results.add(pool.submit(
                        (Callable<Response>) () -> post(path, disbursement(voucher, amount), as("recorder"))));
            }
            BigDecimal acceptedSum = BigDecimal.ZERO;
            int accepted = 0;
            int refused = 0;
            for (Future<Response> result : results) {
                Response response = result.get();
                if (response.status() == 201) {
                    accepted++;
                    acceptedSum = acceptedSum.add(
                            new BigDecimal(response.body().get("amount").asText()));
                } else {
                    assertThat(response.status())
                            .as(String.valueOf(response.body()))
                            .isEqualTo(409);
                    assertThat(response.body().get("available")).isNotNull();
                    refused++;
                }
            }
            assertThat(accepted + refused).isEqualTo(50);
            assertThat(acceptedSum).isLessThanOrEqualTo(new BigDecimal("1000.00"));
            assertThat(accepted).isPositive();
            assertThat(eventCount(department + ":", "DisbursementRecorded")).isEqualTo(accepted + 1);
            assertThat(eventCount(department + ":", "DisbursementRejected")).isEqualTo(refused);
            BigDecimal stored = jdbc.queryForObject(
                    "SELECT sum(amount) FROM voucher_book WHERE department = ?", BigDecimal.class, department);
            assertThat(stored).isEqualByComparingTo(new BigDecimal("49000.00").add(acceptedSum));
        } finally {
            pool.shutdownNow();
        }
    }
}
