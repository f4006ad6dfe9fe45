package io.budgetmonitor.command.registers;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.command.fiscalyear.FiscalYearRegister;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link FiscalYearRegister} on the {@code fiscal_year_register} table (年度登记簿). Reads run on the
 * connection of the command's transaction, so they see the state the command is decided against.
 */
@Component
public class JdbcFiscalYearRegister implements FiscalYearRegister {

    private final JdbcTemplate jdbc;

    public JdbcFiscalYearRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Status statusOf(FiscalYearId fiscalYear) {
        return PendingRegisters.status(fiscalYear, () -> stored(fiscalYear));
    }

    private Status stored(FiscalYearId fiscalYear) {
        return jdbc
                .query(
                        "SELECT status FROM fiscal_year_register WHERE department = ? AND fiscal_year = ?",
                        (rs, row) -> Status.valueOf(rs.getString(1)),
                        fiscalYear.department(),
                        fiscalYear.fiscalYear())
                .stream()
                .findFirst()
                .orElse(Status.NOT_OPENED);
    }

    void opened(FiscalYearId fiscalYear) {
        // a plain INSERT: a second opening of the same year must fail the transaction, not pass silently
        jdbc.update(
                "INSERT INTO fiscal_year_register (department, fiscal_year, status) VALUES (?, ?, 'OPEN')",
                fiscalYear.department(),
                fiscalYear.fiscalYear());
    }

    void closed(FiscalYearId fiscalYear) {
        jdbc.update(
                "UPDATE fiscal_year_register SET status = 'CLOSED' WHERE department = ? AND fiscal_year = ?",
                fiscalYear.department(),
                fiscalYear.fiscalYear());
    }
}
