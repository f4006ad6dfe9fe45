package io.budgetmonitor.command.budgetline;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.Money;

import java.util.Optional;

/**
 * Every voucher posted in a department-year, across all its lines. Voucher numbers are unique per
 * department-year, which no single line can check; and keeping them out of the line's own state
 * keeps a line with 100,000 payments as small to load as a new one. Backed in production by a
 * table written in the same transaction as the disbursement events, with a unique key.
 */
public interface VoucherBook {

    Optional<PostedVoucher> find(FiscalYearId fiscalYear, String voucher);

    /** A voucher as posted: on which line, for how much, and whether it has been reversed. */
    record PostedVoucher(String line, Money amount, boolean reversed) {
    }
}
