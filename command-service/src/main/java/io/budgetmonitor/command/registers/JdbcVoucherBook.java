package io.budgetmonitor.command.registers;

import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.command.budgetline.VoucherBook;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link VoucherBook} on the {@code voucher_book} table (凭证登记簿), whose primary key
 * (department, fiscal_year, voucher) makes a voucher number unique per department-year across lines.
 * Two transactions recording the same voucher on different lines both pass the aggregate's check;
 * the key fails the second insert, the command is rolled back and, retried, finds the voucher.
 */
@Component
public class JdbcVoucherBook implements VoucherBook {

    private final JdbcTemplate jdbc;

    public JdbcVoucherBook(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PostedVoucher> find(FiscalYearId fiscalYear, String voucher) {
        return PendingRegisters.voucher(
                fiscalYear.department(), fiscalYear.fiscalYear(), voucher, () -> stored(fiscalYear, voucher));
    }

    /** One query for all of them (an import batch's), remembered by the current unit of work. */
    @Override
    public void prefetch(FiscalYearId fiscalYear, Collection<String> vouchers) {
        if (vouchers.isEmpty() || !PendingRegisters.canRemember()) {
            return;
        }
        Map<String, PostedVoucher> found = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(
                            "SELECT voucher, line, amount, payee, purpose, procurement, occurred_on, reversed "
                                    + "FROM voucher_book WHERE department = ? AND fiscal_year = ? AND voucher = ANY (?)");
                    statement.setString(1, fiscalYear.department());
                    statement.setInt(2, fiscalYear.fiscalYear());
                    statement.setArray(3, connection.createArrayOf("text", vouchers.toArray()));
                    return statement;
                },
                (ResultSet rs) -> {
                    found.put(rs.getString("voucher"), posted(rs));
                });
        PendingRegisters.read(fiscalYear.department(), fiscalYear.fiscalYear(), vouchers, found);
    }

    private Optional<PostedVoucher> stored(FiscalYearId fiscalYear, String voucher) {
        return jdbc
                .query(
                        "SELECT line, amount, payee, purpose, procurement, occurred_on, reversed FROM voucher_book "
                                + "WHERE department = ? AND fiscal_year = ? AND voucher = ?",
                        (rs, row) -> posted(rs),
                        fiscalYear.department(),
                        fiscalYear.fiscalYear(),
                        voucher)
                .stream()
                .findFirst();
    }

    private static PostedVoucher posted(ResultSet rs) throws SQLException {
        return new PostedVoucher(
                rs.getString("line"),
                Money.of(rs.getBigDecimal("amount")),
                rs.getString("payee"),
                rs.getString("purpose"),
                rs.getObject("procurement", Boolean.class),
                rs.getObject("occurred_on", LocalDate.class),
                rs.getBoolean("reversed"));
    }

    /** The voucher as a recorded payment posts it. */
    static PostedVoucher posted(DisbursementRecorded event) {
        return new PostedVoucher(
                event.line(),
                event.amount(),
                event.payee(),
                event.purpose(),
                event.procurement(),
                event.occurredOn(),
                false);
    }

    /** Posts recorded payments: one batched INSERT (rewritten by the driver into multi-row statements). */
    void recorded(List<RecordedVoucher> recorded) {
        jdbc.batchUpdate(
                "INSERT INTO voucher_book (department, fiscal_year, voucher, line, amount, payee, purpose, procurement, "
                        + "occurred_on, reversed, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)",
                recorded,
                recorded.size(),
                (statement, one) -> {
                    DisbursementRecorded event = one.event();
                    statement.setString(1, event.department());
                    statement.setInt(2, event.fiscalYear());
                    statement.setString(3, event.voucher());
                    statement.setString(4, event.line());
                    statement.setBigDecimal(5, event.amount().amount());
                    statement.setString(6, event.payee());
                    statement.setString(7, event.purpose());
                    statement.setBoolean(8, event.procurement());
                    statement.setObject(9, event.occurredOn());
                    statement.setString(10, one.eventId());
                });
    }

    /** A recorded payment and the id of its event. */
    record RecordedVoucher(DisbursementRecorded event, String eventId) {}

    void reversed(DisbursementReversed event) {
        jdbc.update(
                "UPDATE voucher_book SET reversed = TRUE WHERE department = ? AND fiscal_year = ? AND voucher = ?",
                event.department(),
                event.fiscalYear(),
                event.voucher());
    }
}
