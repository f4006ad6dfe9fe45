package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md: an NDJSON import is authorized per line, like the route of each line's command. A
 * line the caller's roles do not allow is 403 in {@code rejected[]}, one about a department outside
 * its scope 404; the other lines are applied. A keyed re-send answers the same.
 */
class ImportAuthorizationIT extends IntegrationTest {

    @Test
    void aRecordersLedgerAppliesItsPaymentsAndRefusesItsBudgetLinesWith403AndSoDoesAKeyedResend() {
        String department = newDepartment("PERLINE");
        openYearWithLine(department, "L1", "1000.00");
        String ndjson = String.join(
                "\n",
                /* 1 */ disbursementLine(department, "PL-1", "100.00"),
                /* 2 */ "{\"type\":\"AllocateBudget\",\"department\":\"" + department
                        + "\",\"fiscalYear\":2021,\"line\":\"L2\","
                        + "\"name\":\"n\",\"fundSource\":\"GENERAL_PUBLIC_BUDGET\",\"expenditureType\":\"PROJECT\",\"appropriation\":true,"
                        + "\"amount\":\"1000000.00\",\"occurredOn\":\"2021-01-02\"}",
                /* 3 */ disbursementLine(department, "PL-2", "50.00"),
                /* 4 */ "{\"type\":\"SetPerformanceTarget\",\"department\":\"" + department
                        + "\",\"fiscalYear\":2021,\"kpi\":\"B5.4\","
                        + "\"task\":\"B5\",\"name\":\"n\",\"direction\":\"HIGHER_IS_BETTER\",\"target\":\"15\",\"unit\":\"次\",\"points\":\"2\","
                        + "\"occurredOn\":\"2021-01-02\"}",
                "");
        Map<String, String> keyed = as("recorder", Map.of("Idempotency-Key", "perline-" + department));

        JsonNode report = importNdjson(ndjson, keyed).body();

        assertThat(report.get("accepted").asLong()).as(report.toString()).isEqualTo(2);
        assertThat(rejections(report)).containsExactly("2:403", "4:403");
        assertThat(report.get("rejected").get(0).get("detail").asText())
                .contains("AllocateBudget")
                .contains("BUDGET_OFFICE");
        assertThat(eventCount(department + ":2021:L2", "BudgetAllocated")).isZero();
        assertThat(eventCount(department + ":", "PerformanceTargetSet")).isZero();
        assertThat(eventCount(department + ":2021:L1", "DisbursementRecorded")).isEqualTo(2);

        JsonNode resent = importNdjson(ndjson, keyed).body();

        assertThat(resent.get("accepted").asLong()).as(resent.toString()).isZero();
        assertThat(resent.get("duplicates").asLong()).isEqualTo(2);
        assertThat(rejections(resent)).containsExactly("2:403", "4:403");
        assertThat(eventCount(department + ":2021:L1", "DisbursementRecorded")).isEqualTo(2);
        assertThat(eventCount(department + ":2021:L2", "BudgetAllocated")).isZero();
    }

    @Test
    void aWriterScopedToOneDepartmentGets404ForALineOfAnother() {
        String own = newDepartment("OWN");
        String other = newDepartment("OTHER");
        openYearWithLine(own, "L1", "1000.00");
        openYearWithLine(other, "L1", "1000.00");
        String scopedRecorder = "Bearer " + TOKENS.token("clerk.zhang", List.of("RECORDER"), List.of(own));
        String ndjson =
                String.join("\n", disbursementLine(own, "SC-1", "10.00"), disbursementLine(other, "SC-2", "10.00"), "");

        JsonNode report =
                importNdjson(ndjson, Map.of("Authorization", scopedRecorder)).body();

        assertThat(report.get("accepted").asLong()).as(report.toString()).isEqualTo(1);
        assertThat(rejections(report)).containsExactly("2:404");
        assertThat(report.get("rejected").get(0).get("detail").asText()).doesNotContain(other);
        assertThat(eventCount(other + ":", "DisbursementRecorded")).isZero();
        String recordedBy = jdbc.queryForObject(
                "SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type LIKE '%DisbursementRecorded'",
                String.class, own + ":2021:L1");
        assertThat(recordedBy).contains("\"recordedBy\":\"clerk.zhang\"");
    }

    private static String disbursementLine(String department, String voucher, String amount) {
        return "{\"type\":\"RecordDisbursement\",\"department\":\"" + department
                + "\",\"fiscalYear\":2021,\"line\":\"L1\"," + "\"voucher\":\"" + voucher + "\",\"amount\":\"" + amount
                + "\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-02-01\"}";
    }

    private static List<String> rejections(JsonNode report) {
        List<String> rejected = new ArrayList<>();
        report.get("rejected")
                .forEach(r -> rejected.add(
                        r.get("line").asInt() + ":" + r.get("status").asInt()));
        return rejected;
    }
}
