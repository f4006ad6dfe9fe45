package io.budgetmonitor.command.registers;

import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.FiscalYearClosed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.command.registers.JdbcVoucherBook.RecordedVoucher;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Keeps the set-based validation tables in step with the log. Runs in the SUBSCRIBING processor
 * {@value #PROCESSING_GROUP}: on the committing thread, inside the command's transaction, before it
 * commits; failures propagate (see {@link RegistersConfiguration}), so a unique violation here rolls
 * the whole command back, its events included.
 *
 * <p>The processor hands over all the events of a commit at once (an import batch's thousand
 * payments): the writes are collected in order and run when its unit of work prepares to commit,
 * consecutive voucher postings as one batched INSERT.
 */
@Component
@ProcessingGroup(RegisterUpdater.PROCESSING_GROUP)
public class RegisterUpdater {

    public static final String PROCESSING_GROUP = "command-registers";
    private static final String WRITES = RegisterUpdater.class.getName() + ".writes";

    private final JdbcFiscalYearRegister fiscalYears;
    private final JdbcVoucherBook vouchers;

    public RegisterUpdater(JdbcFiscalYearRegister fiscalYears, JdbcVoucherBook vouchers) {
        this.fiscalYears = fiscalYears;
        this.vouchers = vouchers;
    }

    @EventHandler
    void on(FiscalYearOpened event) {
        writes().add(event);
    }

    @EventHandler
    void on(FiscalYearClosed event) {
        writes().add(event);
    }

    @EventHandler
    void on(DisbursementRecorded event, EventMessage<?> message) {
        writes().add(new RecordedVoucher(event, message.getIdentifier()));
    }

    @EventHandler
    void on(DisbursementReversed event) {
        writes().add(event);
    }

    private List<Object> writes() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(WRITES, key -> {
            List<Object> writes = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> write(writes));
            return writes;
        });
    }

    /** In event order; a run of postings is one batch (a reversal may follow its posting). */
    private void write(List<Object> writes) {
        List<RecordedVoucher> postings = new ArrayList<>();
        for (Object write : writes) {
            if (write instanceof RecordedVoucher posting) {
                postings.add(posting);
                continue;
            }
            if (!postings.isEmpty()) {
                vouchers.recorded(postings);
                postings = new ArrayList<>();
            }
            if (write instanceof FiscalYearOpened opened) {
                fiscalYears.opened(opened.fiscalYearId());
            } else if (write instanceof FiscalYearClosed closed) {
                fiscalYears.closed(closed.fiscalYearId());
            } else if (write instanceof DisbursementReversed reversed) {
                vouchers.reversed(reversed);
            }
        }
        if (!postings.isEmpty()) {
            vouchers.recorded(postings);
        }
    }
}
