package io.budgetmonitor.command.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The round trips to PostgreSQL of one REST disbursement and of an import line, counted at the JDBC
 * connection ({@link StatementLog}): the write path's cost in statements, not in time.
 */
@Import(WritePathRoundTripsIT.Counted.class)
class WritePathRoundTripsIT extends IntegrationTest {

    @TestConfiguration
    static class Counted {
        @Bean
        static StatementLog statementLog() {
            return StatementLog.ofRequestThreads();
        }
    }

    @Autowired
    StatementLog statements;

    @Test
    void aRestDisbursementOnAWarmLine() {
        String department = newDepartment("RT");
        openYearWithLine(department, "L1", "1000000.00");
        String path = yearPath(department, 2021) + "/lines/L1/disbursements";
        for (int i = 0; i < 3; i++) {
            assertThat(post(path, disbursement("W-" + i, "1.00")).status()).isEqualTo(201);
        }

        statements.clear();
        Response recorded = post(path, disbursement("R-1", "1.00"));
        report("REST disbursement", 1);

        assertThat(recorded.status()).isEqualTo(201);
        // head check, voucher, year status, event INSERT ... RETURNING, voucher INSERT, COMMIT (was 19)
        assertThat(statements.count()).as(statements.entries().toString()).isLessThanOrEqualTo(6);
        assertThat(statements.count("SAVEPOINT")).isZero();
        assertThat(statements.count("SELECT max(global_index)"))
                .as("the position comes from the INSERT")
                .isZero();
    }

    @Test
    void importLines() {
        String department = newDepartment("RTI");
        openYearWithLine(department, "L1", "1000000.00");
        // ten budget lines, each cached (allocated over REST): every batch loads all ten
        int budgetLines = 10;
        for (int l = 2; l <= budgetLines; l++) {
            assertThat(post(yearPath(department, 2021) + "/lines", """
                            {"line":"L%d","name":"n","fundSource":"GENERAL_PUBLIC_BUDGET","expenditureType":"PROJECT",
                             "appropriation":true,"amount":"1000000.00","occurredOn":"2021-01-05"}""".formatted(l), as("budget-office"))
                            .status())
                    .isEqualTo(201);
        }
        int lines = 1000;
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            ndjson.append("{\"type\":\"RecordDisbursement\",\"department\":\"")
                    .append(department)
                    .append("\",\"fiscalYear\":2021,\"line\":\"L")
                    .append(1 + i % budgetLines)
                    .append("\",\"voucher\":\"I-")
                    .append(i)
                    .append(
                            "\",\"amount\":\"1.00\",\"payee\":\"p\",\"purpose\":\"q\",\"occurredOn\":\"2021-02-01\"}\n");
        }

        statements.clear();
        Response report = importNdjson(ndjson.toString());
        report("import of " + lines + " disbursement lines", lines);

        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body().get("accepted").asLong()).isEqualTo(lines);
        // per batch of 250: one head check of the ten cached lines, one lookup of the vouchers, the year's status, one
        // event INSERT, one voucher INSERT, one COMMIT (was 10.1 per line; then 1.02 plus a head check per line loaded)
        assertThat(statements.count()).as(statements.byKind().toString()).isLessThanOrEqualTo(30);
        assertThat(statements.count("SELECT max(sequence_number)"))
                .as("cached lines checked once per batch, not once per line loaded")
                .isZero();
        assertThat(statements.count("SAVEPOINT")).isZero();
    }

    private void report(String what, int units) {
        StringJoiner text = new StringJoiner("\n  ", "", "\n");
        text.add("ROUND TRIPS " + what + ": " + statements.count() + " (" + (double) statements.count() / units
                + " per unit) " + statements.byKind());
        if (units == 1) {
            statements.entries().forEach(text::add);
        }
        System.out.println(text);
    }
}
