package io.budgetmonitor.command.budgetline;

import io.budgetmonitor.api.values.Money;

/**
 * What a RecordDisbursement command came to. A refusal by availability control is an outcome, not
 * an exception, because it is recorded as a {@code DisbursementRejected} event (an exception would
 * roll that event back); the web layer answers it with 409 and the available amount.
 */
public sealed interface DisbursementOutcome {

    String voucher();

    /** Recorded now; {@code available} is what is left on the line after it. */
    record Recorded(String voucher, Money amount, Money available) implements DisbursementOutcome {}

    /** Refused and recorded as DisbursementRejected; {@code available} is what the line had. */
    record Rejected(String voucher, Money amount, Money available, String reason) implements DisbursementOutcome {}

    /** The same voucher had already been recorded with the same content: nothing new was stored. */
    record AlreadyRecorded(String voucher, Money amount, String line) implements DisbursementOutcome {}
}
