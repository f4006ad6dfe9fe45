package io.budgetmonitor.command.budgetline;

import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every voucher posted in a department-year, across all its lines. Voucher numbers are unique per
 * department-year, which no single line can check; and keeping them out of the line's own state
 * keeps a line with 100,000 payments as small to load as a new one. Backed in production by a
 * table written in the same transaction as the disbursement events, with a unique key.
 */
public interface VoucherBook {

    Optional<PostedVoucher> find(FiscalYearId fiscalYear, String voucher);

    /**
     * Reads these vouchers of a department-year at once, for the {@link #find}s of the rest of the
     * current unit of work (an import batch: one query per batch instead of one per line). A voucher
     * posted by another writer after this read is still caught, by the register's unique key when the
     * batch is written. Optional: by default every {@code find} reads for itself.
     */
    default void prefetch(FiscalYearId fiscalYear, Collection<String> vouchers) {}

    /**
     * A voucher (凭证) as posted: on which line, for how much, to whom, for what, on which day, and
     * whether it has been reversed. A null field is not known (a row older than the column) and is
     * not compared.
     */
    record PostedVoucher(
            String line,
            Money amount,
            String payee,
            String purpose,
            Boolean procurement,
            LocalDate occurredOn,
            boolean reversed) {

        public PostedVoucher(String line, Money amount, boolean reversed) {
            this(line, amount, null, null, null, null, reversed);
        }

        /**
         * The fields of {@code command} that differ from the posted payment, in the command's order.
         * Empty means the command is a retry of this payment.
         */
        public List<String> differencesFrom(RecordDisbursement command) {
            List<String> differences = new ArrayList<>();
            compare(differences, "line", line, command.line());
            compare(differences, "amount", amount, command.amount());
            compare(differences, "payee", payee, command.payee());
            compare(differences, "purpose", purpose, command.purpose());
            compare(differences, "procurement", procurement, command.procurement());
            compare(differences, "occurredOn", occurredOn, command.occurredOn());
            return differences;
        }

        private static void compare(List<String> differences, String field, Object posted, Object sent) {
            if (posted != null && !Objects.equals(posted, sent)) {
                differences.add(field);
            }
        }
    }
}
