package io.budgetmonitor.command.registers;

import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementReversed;
import io.budgetmonitor.api.events.FiscalYearClosed;
import io.budgetmonitor.api.events.FiscalYearOpened;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Keeps the set-based validation tables in step with the log. Runs in the SUBSCRIBING processor
 * {@value #PROCESSING_GROUP}: on the committing thread, inside the command's transaction, before it
 * commits; failures propagate (see {@link RegistersConfiguration}), so a unique violation here rolls
 * the whole command back, its events included.
 */
@Component
@ProcessingGroup(RegisterUpdater.PROCESSING_GROUP)
public class RegisterUpdater {

    public static final String PROCESSING_GROUP = "command-registers";

    private final JdbcFiscalYearRegister fiscalYears;
    private final JdbcVoucherBook vouchers;

    public RegisterUpdater(JdbcFiscalYearRegister fiscalYears, JdbcVoucherBook vouchers) {
        this.fiscalYears = fiscalYears;
        this.vouchers = vouchers;
    }

    @EventHandler
    void on(FiscalYearOpened event) {
        fiscalYears.opened(event.fiscalYearId());
    }

    @EventHandler
    void on(FiscalYearClosed event) {
        fiscalYears.closed(event.fiscalYearId());
    }

    @EventHandler
    void on(DisbursementRecorded event, EventMessage<?> message) {
        vouchers.recorded(event, message.getIdentifier());
    }

    @EventHandler
    void on(DisbursementReversed event) {
        vouchers.reversed(event);
    }
}
