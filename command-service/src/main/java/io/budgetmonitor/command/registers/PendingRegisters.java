package io.budgetmonitor.command.registers;

import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.FiscalYearClosed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.command.budgetline.VoucherBook.PostedVoucher;
import io.budgetmonitor.command.fiscalyear.FiscalYearRegister.Status;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * What the registers will hold once the current unit of work's events are written (待写登记): an import
 * batch decides all its lines before it writes anything, so a line must see the vouchers and the year
 * openings of the lines decided before it in the same batch. The event store stages each event as it
 * is applied, in the root unit of work; a command that fails takes its staged entries
 * back with it. The register readers look here first, then in the tables (a status read from the
 * table is remembered for the rest of the unit of work: an import reads a year's status once per
 * batch, not once per line; so are the vouchers a batch read at once, {@link #read}).
 */
public final class PendingRegisters {

    private static final String KEY = PendingRegisters.class.getName();

    private record VoucherKey(String department, int fiscalYear, String voucher) {}

    private final Map<VoucherKey, PostedVoucher> vouchers = new HashMap<>();
    private final Map<FiscalYearId, Status> statuses = new HashMap<>();
    /** Vouchers as the table held them when the batch read them at once (empty: not in the table). */
    private final Map<VoucherKey, Optional<PostedVoucher>> read = new HashMap<>();

    private PendingRegisters() {}

    /**
     * Stages events as they are applied, in the unit of work applying them (the event store calls
     * this from {@code publish}; Axon's dispatch interceptors run only when the root commits, too late).
     */
    public static void stage(List<? extends EventMessage<?>> events) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        PendingRegisters pending = current.root().getOrComputeResource(KEY, key -> new PendingRegisters());
        for (EventMessage<?> event : events) {
            pending.stage(event.getPayload(), current);
        }
    }

    private static Optional<PendingRegisters> current() {
        return CurrentUnitOfWork.isStarted()
                ? Optional.ofNullable(CurrentUnitOfWork.get().root().getResource(KEY))
                : Optional.empty();
    }

    /** The voucher as staged in this unit of work, else as read at once for it, else as {@code stored} finds it. */
    static Optional<PostedVoucher> voucher(
            String department, int fiscalYear, String voucher, Supplier<Optional<PostedVoucher>> stored) {
        VoucherKey key = new VoucherKey(department, fiscalYear, voucher);
        Optional<PendingRegisters> pending = current();
        if (pending.isEmpty()) {
            return stored.get();
        }
        PostedVoucher staged = pending.get().vouchers.get(key);
        if (staged != null) {
            return Optional.of(staged);
        }
        Optional<PostedVoucher> known = pending.get().read.get(key);
        return known != null ? known : stored.get();
    }

    /** Whether the current unit of work can remember vouchers read at once (it has a root to hold them). */
    static boolean canRemember() {
        return CurrentUnitOfWork.isStarted();
    }

    /**
     * Remembers, for the rest of the current unit of work, what the table held for each of these
     * vouchers ({@code found}: the ones it had). Staged vouchers still take precedence.
     */
    static void read(String department, int fiscalYear, Collection<String> asked, Map<String, PostedVoucher> found) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        PendingRegisters pending =
                CurrentUnitOfWork.get().root().getOrComputeResource(KEY, key -> new PendingRegisters());
        for (String voucher : asked) {
            pending.read.put(new VoucherKey(department, fiscalYear, voucher), Optional.ofNullable(found.get(voucher)));
        }
    }

    /** The year's status as staged (or already read) in this unit of work, else as {@code stored} says. */
    static Status status(FiscalYearId fiscalYear, Supplier<Status> stored) {
        Optional<PendingRegisters> pending = current();
        if (pending.isEmpty()) {
            return stored.get();
        }
        return pending.get().statuses.computeIfAbsent(fiscalYear, y -> stored.get());
    }

    private void stage(Object payload, UnitOfWork<?> command) {
        if (payload instanceof DisbursementRecorded e) {
            stage(
                    vouchers,
                    new VoucherKey(e.department(), e.fiscalYear(), e.voucher()),
                    JdbcVoucherBook.posted(e),
                    command);
        } else if (payload instanceof DisbursementReversed e) {
            VoucherKey key = new VoucherKey(e.department(), e.fiscalYear(), e.voucher());
            PostedVoucher posted = vouchers.get(key);
            PostedVoucher reversed = posted == null
                    ? new PostedVoucher(e.line(), e.amount(), true)
                    : new PostedVoucher(
                            posted.line(),
                            posted.amount(),
                            posted.payee(),
                            posted.purpose(),
                            posted.procurement(),
                            posted.occurredOn(),
                            true);
            stage(vouchers, key, reversed, command);
        } else if (payload instanceof FiscalYearOpened e) {
            stage(statuses, e.fiscalYearId(), Status.OPEN, command);
        } else if (payload instanceof FiscalYearClosed e) {
            stage(statuses, e.fiscalYearId(), Status.CLOSED, command);
        }
    }

    private static <K, V> void stage(Map<K, V> map, K key, V value, UnitOfWork<?> command) {
        V before = map.put(key, value);
        command.onRollback(u -> {
            if (before == null) {
                map.remove(key);
            } else {
                map.put(key, before);
            }
        });
    }
}
