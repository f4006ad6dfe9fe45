package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tamper evidence on the real event store: the database refuses UPDATE and DELETE, and an event changed
 * or removed behind its back (as the table's owner, with the refusing trigger disabled) is named by
 * {@code GET /api/v1/audit/verify}. Every test tampers only with its own department-year and verifies
 * only that one, since the integration tests share a database.
 */
class EventChainIT extends IntegrationTest {

    @Test
    void anUntouchedDepartmentYearVerifiesEveryOneOfItsEvents() {
        String d = departmentWithPayments("CHN", 5);

        JsonNode verification = verify(d);

        assertThat(verification.get("brokenAt").isNull())
                .as(verification.toString())
                .isTrue();
        assertThat(verification.get("verified").asLong()).isEqualTo(eventsOf(d)).isEqualTo(7);
        assertThat(audit("/api/v1/audit/verify?department=" + d)
                        .body()
                        .get("verified")
                        .asLong())
                .as("every year of the department")
                .isEqualTo(7);
        JsonNode head =
                audit("/api/v1/audit/head?department=" + d + "&year=2021").body();
        assertThat(head.get("aggregates").asInt()).isEqualTo(2);
        assertThat(head.get("events").asLong()).isEqualTo(7);
        assertThat(head.get("head").asText()).hasSize(64);
        assertThat(head.get("lastPosition").asLong())
                .isEqualTo(jdbc.queryForObject(
                        "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier LIKE ?",
                        Long.class,
                        d + ":%"));
    }

    @Test
    void theHeadTakenEarlierIsTheHeadAtItsPositionAndMovesWithNewEvents() {
        String d = departmentWithPayments("HED", 2);
        JsonNode before =
                audit("/api/v1/audit/head?department=" + d + "&year=2021").body();

        assertThat(post(yearPath(d, 2021) + "/lines/L1/disbursements", disbursement(d + "-V9", "1.00"), as("recorder"))
                        .status())
                .isEqualTo(201);

        JsonNode now =
                audit("/api/v1/audit/head?department=" + d + "&year=2021").body();
        JsonNode then = audit("/api/v1/audit/head?department=" + d + "&year=2021&atPosition="
                        + before.get("lastPosition").asLong())
                .body();
        assertThat(now.get("head")).isNotEqualTo(before.get("head"));
        assertThat(now.get("events").asLong()).isEqualTo(before.get("events").asLong() + 1);
        assertThat(then.get("head")).isEqualTo(before.get("head"));
    }

    @Test
    void anAlteredPayloadIsNamedExactly() {
        String d = departmentWithPayments("ALT", 5);
        Map<String, Object> victim = event(d + ":2021:L1", 3);
        JsonNode headBefore =
                audit("/api/v1/audit/head?department=" + d + "&year=2021").body();

        asOwnerBypassingAppendOnly(
                "UPDATE domain_event_entry SET payload = "
                        + "jsonb_set(payload::jsonb, '{amount}', '\"1.00\"')::text WHERE event_identifier = ?",
                victim.get("event_identifier"));

        JsonNode broken = verify(d).get("brokenAt");
        assertThat(broken.get("eventId").asText()).isEqualTo(victim.get("event_identifier"));
        assertThat(broken.get("aggregateId").asText()).isEqualTo(d + ":2021:L1");
        assertThat(broken.get("sequenceNumber").asLong()).isEqualTo(3);
        assertThat(broken.get("globalPosition").asLong()).isEqualTo(victim.get("global_index"));
        assertThat(broken.get("reason").asText()).isEqualTo("ALTERED_CONTENT");
        assertThat(verify(d).get("verified").asLong())
                .as("the fiscal year's 1 and the line's 0..2")
                .isEqualTo(4);
        assertThat(audit("/api/v1/audit/head?department=" + d + "&year=2021")
                        .body()
                        .get("head"))
                .as("the head did not change: the stored hash is untouched, only the walk sees the alteration")
                .isEqualTo(headBefore.get("head"));
    }

    @Test
    void aDeletedEventIsNamedAsAGap() {
        String d = departmentWithPayments("DEL", 5);
        Map<String, Object> deleted = event(d + ":2021:L1", 2);
        Map<String, Object> next = event(d + ":2021:L1", 3);

        asOwnerBypassingAppendOnly(
                "DELETE FROM domain_event_entry WHERE event_identifier = ?", deleted.get("event_identifier"));

        JsonNode broken = verify(d).get("brokenAt");
        assertThat(broken.get("reason").asText()).isEqualTo("MISSING_EVENT");
        assertThat(broken.get("aggregateId").asText()).isEqualTo(d + ":2021:L1");
        assertThat(broken.get("sequenceNumber").asLong())
                .as("the first event after the gap")
                .isEqualTo(3);
        assertThat(broken.get("eventId").asText()).isEqualTo(next.get("event_identifier"));
        assertThat(broken.get("detail").asText()).contains("sequence number 2 ");
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncateOfStoredEvents() {
        String d = departmentWithPayments("REF", 1);
        Object eventId = event(d + ":2021:L1", 1).get("event_identifier");

        assertThatThrownBy(() ->
                        jdbc.update("UPDATE domain_event_entry SET payload = '{}' WHERE event_identifier = ?", eventId))
                .hasMessageContaining("append-only: UPDATE refused");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM domain_event_entry WHERE event_identifier = ?", eventId))
                .hasMessageContaining("append-only: DELETE refused");
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE domain_event_entry"))
                .hasMessageContaining("append-only: TRUNCATE refused");
        assertThat(verify(d).get("brokenAt").isNull()).isTrue();
    }

    @Test
    void aHashSentByTheWriterIsReplacedByTheDatabasesOwn() {
        String d = departmentWithPayments("FRG", 1);
        Map<String, Object> last = event(d + ":2021:L1", 1);

        jdbc.update(
                "INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                        + "payload_type, payload, meta_data, event_hash, prev_hash) SELECT 'forged-' || ?, aggregate_identifier, 2, type, "
                        + "time_stamp, payload_type, payload, meta_data, decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex') "
                        + "FROM domain_event_entry WHERE event_identifier = ?",
                d,
                last.get("event_identifier"));

        assertThat(jdbc.queryForObject(
                        "SELECT prev_hash = ? FROM domain_event_entry WHERE event_identifier = ?",
                        Boolean.class,
                        last.get("event_hash"),
                        "forged-" + d))
                .isTrue();
        assertThat(verify(d).get("brokenAt").isNull())
                .as("an insert is chained, whatever it claims")
                .isTrue();
    }

    @Test
    void aYearWithoutADepartmentIsBadInput() {
        Response response = audit("/api/v1/audit/verify?year=2021");
        assertThat(response.status()).isEqualTo(400);
        assertThat(audit("/api/v1/audit/head?department=X").status()).isEqualTo(400);
    }

    @Test
    void aScopedAuditorAuditsItsOwnDepartmentsOnlyAndMustNameOne() {
        String own = departmentWithPayments("AUS", 1);
        String other = departmentWithPayments("AUO", 1);
        Map<String, String> scopedAuditor =
                Map.of("Authorization", "Bearer " + TOKENS.token("auditor.wang", List.of("AUDITOR"), List.of(own)));

        Response ownVerify = get("/api/v1/audit/verify?department=" + own + "&year=2021", scopedAuditor);
        assertThat(ownVerify.status()).as(String.valueOf(ownVerify.body())).isEqualTo(200);
        assertThat(ownVerify.body().get("verified").asLong()).isEqualTo(3);
        assertThat(get("/api/v1/audit/head?department=" + own + "&year=2021", scopedAuditor)
                        .status())
                .isEqualTo(200);

        Response otherVerify = get("/api/v1/audit/verify?department=" + other + "&year=2021", scopedAuditor);
        assertThat(otherVerify.status()).isEqualTo(404);
        assertThat(otherVerify.contentType()).startsWith("application/problem+json");
        assertThat(get("/api/v1/audit/verify?department=" + other, scopedAuditor)
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/audit/head?department=" + other + "&year=2021", scopedAuditor)
                        .status())
                .isEqualTo(404);

        Response wholeLog = get("/api/v1/audit/verify", scopedAuditor);
        assertThat(wholeLog.status())
                .as("the whole log is for a caller who sees every department")
                .isEqualTo(400);
        assertThat(wholeLog.body().toString()).contains("department");
    }

    /** An open year, line L1 and {@code payments} disbursements: 2 + payments events. */
    private String departmentWithPayments(String prefix, int payments) {
        String d = newDepartment(prefix);
        openYearWithLine(d, "L1", "100000.00");
        for (int i = 1; i <= payments; i++) {
            Response paid = post(
                    yearPath(d, 2021) + "/lines/L1/disbursements",
                    disbursement(d + "-V" + i, i + "00.00"),
                    as("recorder", Map.of("X-Recorded-By", "clerk-chain")));
            assertThat(paid.status()).as("%s", paid.body()).isEqualTo(201);
        }
        return d;
    }

    /** An audit call as the auditor (all departments). */
    private Response audit(String path) {
        return get(path, as("auditor"));
    }

    private JsonNode verify(String department) {
        Response response = audit("/api/v1/audit/verify?department=" + department + "&year=2021");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private long eventsOf(String department) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "OR aggregate_identifier LIKE ?",
                Long.class,
                department + ":2021",
                department + ":2021:%");
    }

    private Map<String, Object> event(String aggregateId, long sequenceNumber) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT event_identifier, global_index, event_hash FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? AND sequence_number = ?",
                aggregateId,
                sequenceNumber);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /**
     * What someone with the owner's rights could do: disable the refusing trigger, change the table,
     * enable it again, all in one transaction (no other session ever sees the trigger off).
     */
    private void asOwnerBypassingAppendOnly(String sql, Object argument) {
        try (Connection connection = jdbc.getDataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                connection
                        .createStatement()
                        .execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_append_only");
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.setObject(1, argument);
                    assertThat(statement.executeUpdate()).isEqualTo(1);
                }
                connection
                        .createStatement()
                        .execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_append_only");
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
