package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.testkit.TestInfrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The log watermark (the readers' read-your-writes barrier) never claims past an index a running
 * transaction holds, and moves past it once that transaction rolls back, without waiting for more events:
 * a process killed mid-import leaves such an index for good (the fault suite's (f) found the readers'
 * position stuck below one until 10,000 more events had come).
 */
class AbandonedIndexIT extends IntegrationTest {

    @Test
    void theWatermarkWaitsForARunningTransactionAndPassesItsIndexOnceItRollsBack() throws Exception {
        String department = newDepartment("GAP");
        openYearWithLine(department, "GP-GAP-01", "5000.00");
        Map<String, Object> allocated = jdbc.queryForMap(
                "SELECT type, time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND sequence_number = 0",
                department + ":2021:GP-GAP-01");

        try (Connection held = jdbc.getDataSource().getConnection();
                TopicReader reader = new TopicReader(TestInfrastructure.get().kafkaBootstrapServers())) {
            held.setAutoCommit(false);
            long heldIndex;
            try (PreparedStatement insert = held.prepareStatement(
                    "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,"
                            + " time_stamp, payload_type, payload_revision, payload, meta_data)"
                            + " VALUES (?,?,0,?,?,?,?,?,?) RETURNING global_index")) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, department + ":2021:GP-GAP-02");
                insert.setObject(3, allocated.get("type"));
                insert.setObject(4, allocated.get("time_stamp"));
                insert.setObject(5, allocated.get("payload_type"));
                insert.setObject(6, allocated.get("payload_revision"));
                insert.setObject(7, ((String) allocated.get("payload")).replace("GP-GAP-01", "GP-GAP-02"));
                insert.setObject(8, allocated.get("meta_data"));
                try (ResultSet index = insert.executeQuery()) {
                    index.next();
                    heldIndex = index.getLong(1);
                }
            }
            Response paid = post(
                    yearPath(department, 2021) + "/lines/GP-GAP-01/disbursements",
                    disbursement("GAP-P-1", "100.00"),
                    as("recorder"));
            assertThat(paid.status()).isEqualTo(201);
            long paidAt = paid.body().get("position").asLong();
            assertThat(paidAt).isGreaterThan(heldIndex);

            long before = jdbc.queryForObject(
                    "SELECT max(global_index) FROM domain_event_entry WHERE global_index < ?", Long.class, heldIndex);
            long whileHeld = reader.watermarkAfter(Duration.ofSeconds(3), Long.MAX_VALUE);
            assertThat(whileHeld)
                    .as("everything before the held index is claimed")
                    .isGreaterThanOrEqualTo(before);
            assertThat(whileHeld)
                    .as("an index a running transaction holds may still fill: not claimed")
                    .isLessThan(heldIndex);

            held.rollback();
            long afterRollback = reader.watermarkAfter(Duration.ofSeconds(30), paidAt);
            assertThat(afterRollback)
                    .as("rolled back: the index will never hold an event, the watermark passes it")
                    .isGreaterThanOrEqualTo(paidAt);
        }
    }
}
