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

    /**
     * The vouchers of a department-year asked at once, as ONE index lookup per voucher whatever the table's
     * statistics: the array is unnested and each element looks its voucher up on the key, in a LATERAL
     * subquery with LIMIT 1, which PostgreSQL cannot flatten into a join, so it cannot choose a sequential scan.
     * The plain {@code voucher = ANY (?)} did: with one department-year filling most of the table (an import
     * of 30,000 payments) a custom plan, which pgjdbc and PostgreSQL's plan cache use for a connection's first
     * executions, estimated the key's 250 descents dearer than reading the table, and filtered every row
     * against the array: 5.5 ms per batch on average in bench/run (pg_stat_statements), 10-20 ms by the end,
     * growing with the department-year; the lookups take ≈ 1 ms ({@code VoucherBookPlanIT} checks the plan).
     */
    static final String PREFETCH = "SELECT k.voucher, b.line, b.amount, b.payee, b.purpose, b.procurement,"
            + " b.occurred_on, b.reversed FROM unnest(?::text[]) AS k(voucher) CROSS JOIN LATERAL ("
            + "SELECT line, amount, payee, purpose, procurement, occurred_on, reversed FROM voucher_book"
            + " WHERE department = ? AND fiscal_year = ? AND voucher = k.voucher LIMIT 1) AS b";

    /** One query for all of them (an import batch's), remembered by the current unit of work. */
    @Override
    public void prefetch(FiscalYearId fiscalYear, Collection<String> vouchers) {
        if (vouchers.isEmpty() || !PendingRegisters.canRemember()) {
            return;
        }
        Map<String, PostedVoucher> found = new HashMap<>();
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(PREFETCH);
                    statement.setArray(1, connection.createArrayOf("text", vouchers.toArray()));
                    statement.setString(2, fiscalYear.department());
                    statement.setInt(3, fiscalYear.fiscalYear());
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

    /**
     * Posts recorded payments with ONE statement whatever their number: each column travels as one array
     * and {@code unnest} turns them back into rows. A batched INSERT rewritten by the driver into multi-row
     * statements cost the import a tenth of its CPU binding ten parameters per voucher (JFR, bench/run).
     * The table's key and triggers see each row as before.
     */
    void recorded(List<RecordedVoucher> recorded) {
        int size = recorded.size();
        String[] departments = new String[size];
        String[] years = new String[size];
        String[] vouchers = new String[size];
        String[] lines = new String[size];
        String[] amounts = new String[size];
        String[] payees = new String[size];
        String[] purposes = new String[size];
        String[] procurements = new String[size];
        String[] dates = new String[size];
        String[] eventIds = new String[size];
        for (int i = 0; i < size; i++) {
            DisbursementRecorded event = recorded.get(i).event();
            departments[i] = event.department();
            years[i] = Integer.toString(event.fiscalYear());
            vouchers[i] = event.voucher();
            lines[i] = event.line();
            amounts[i] = event.amount().amount().toPlainString();
            payees[i] = event.payee();
            purposes[i] = event.purpose();
            procurements[i] = Boolean.toString(event.procurement());
            dates[i] = event.occurredOn() == null ? null : event.occurredOn().toString();
            eventIds[i] = recorded.get(i).eventId();
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO voucher_book (department, fiscal_year, voucher, line, amount, payee, purpose, "
                            + "procurement, occurred_on, reversed, event_id) "
                            + "SELECT d, y::int, v, l, a::numeric, p, u, b::boolean, o::date, FALSE, e FROM unnest("
                            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], "
                            + "?::text[], ?::text[]) AS r(d, y, v, l, a, p, u, b, o, e)");
            String[][] columns = {
                departments, years, vouchers, lines, amounts, payees, purposes, procurements, dates, eventIds
            };
            for (int c = 0; c < columns.length; c++) {
                statement.setArray(c + 1, connection.createArrayOf("text", columns[c]));
            }
            return statement;
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
