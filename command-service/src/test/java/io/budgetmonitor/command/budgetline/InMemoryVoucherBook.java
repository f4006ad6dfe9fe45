package io.budgetmonitor.command.budgetline;

import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.values.Money;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Test double of the voucher book. Fixture tests fill it alongside their given events, as the
 * service's table is written alongside the disbursement events.
 */
public class InMemoryVoucherBook implements VoucherBook {

    private record Key(FiscalYearId fiscalYear, String voucher) {}

    private final Map<Key, PostedVoucher> vouchers = new HashMap<>();

    public InMemoryVoucherBook post(FiscalYearId fiscalYear, String voucher, String line, Money amount) {
        vouchers.put(new Key(fiscalYear, voucher), new PostedVoucher(line, amount, false));
        return this;
    }

    /** Posted with everything the event says, as the service's table keeps it. */
    public InMemoryVoucherBook post(DisbursementRecorded event) {
        vouchers.put(
                new Key(new FiscalYearId(event.department(), event.fiscalYear()), event.voucher()),
                new PostedVoucher(
                        event.line(),
                        event.amount(),
                        event.payee(),
                        event.purpose(),
                        event.procurement(),
                        event.occurredOn(),
                        false));
        return this;
    }

    public InMemoryVoucherBook reverse(FiscalYearId fiscalYear, String voucher) {
        vouchers.computeIfPresent(
                new Key(fiscalYear, voucher),
                (key, posted) -> new PostedVoucher(
                        posted.line(),
                        posted.amount(),
                        posted.payee(),
                        posted.purpose(),
                        posted.procurement(),
                        posted.occurredOn(),
                        true));
        return this;
    }

    @Override
    public Optional<PostedVoucher> find(FiscalYearId fiscalYear, String voucher) {
        return Optional.ofNullable(vouchers.get(new Key(fiscalYear, voucher)));
    }
}
