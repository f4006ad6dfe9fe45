package io.budgetmonitor.command.registers;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.command.budgetline.VoucherBook.PostedVoucher;
import io.budgetmonitor.command.it.IntegrationTest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An import batch's vouchers are read at once ({@link JdbcVoucherBook#prefetch}) with one index lookup per
 * voucher, also when one department-year fills most of the table and the planner knows the values (a custom
 * plan: a connection's first executions): the former {@code voucher = ANY (?)} was planned there as a
 * sequential scan filtering every row of the table against the batch's array, per batch. And what it reads is
 * what {@code find} answers for the rest of the unit of work.
 */
class VoucherBookPlanIT extends IntegrationTest {

    @Autowired
    JdbcVoucherBook book;

    @Test
    void aBatchsVouchersAreLookedUpOnTheKeyEvenWhenTheirYearFillsTheTable() throws Exception {
        String department = newDepartment("VBP");
        // 20,000 posted vouchers of one department-year: most of the table, as after a large import
        jdbc.update(
                "INSERT INTO voucher_book (department, fiscal_year, voucher, line, amount, payee, purpose,"
                        + " procurement, occurred_on, reversed, event_id)"
                        + " SELECT ?, 2021, 'P-' || i, 'L' || (i % 7), i, 'payee', 'purpose', FALSE, DATE '2021-03-01',"
                        + " i % 10 = 0, 'event-' || ? || '-' || i FROM generate_series(1, 20000) AS i",
                department, department);
        jdbc.execute("ANALYZE voucher_book");
        // a batch of 250: 125 posted, 125 new
        List<String> batch = new ArrayList<>();
        IntStream.rangeClosed(19_876, 20_125).forEach(i -> batch.add("P-" + i));

        String plan = String.join("\n", jdbc.execute((java.sql.Connection connection) -> {
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + JdbcVoucherBook.PREFETCH)) {
                explain.setArray(1, connection.createArrayOf("text", batch.toArray()));
                explain.setString(2, department);
                explain.setInt(3, 2021);
                List<String> lines = new ArrayList<>();
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
                return lines;
            }
        }));
        assertThat(plan).contains("Index Scan using voucher_book_pk").doesNotContain("Seq Scan");

        FiscalYearId year = new FiscalYearId(department, 2021);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            book.prefetch(year, batch);
            for (int i = 19_876; i <= 20_125; i++) {
                Optional<PostedVoucher> found = book.find(year, "P-" + i);
                if (i <= 20_000) {
                    assertThat(found)
                            .contains(new PostedVoucher(
                                    "L" + (i % 7),
                                    Money.of(new java.math.BigDecimal(i + ".00")),
                                    "payee",
                                    "purpose",
                                    false,
                                    java.time.LocalDate.of(2021, 3, 1),
                                    i % 10 == 0));
                } else {
                    assertThat(found).isEmpty();
                }
            }
        } finally {
            unitOfWork.rollback();
        }
    }
}
