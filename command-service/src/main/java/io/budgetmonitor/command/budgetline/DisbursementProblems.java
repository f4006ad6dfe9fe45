package io.budgetmonitor.command.budgetline;

/** Wording of a refusal by availability control, shared by the resource and the import. */
public final class DisbursementProblems {

    public static final String REJECTED_TITLE = "Insufficient available budget";

    private DisbursementProblems() {}

    public static String detail(DisbursementOutcome.Rejected rejected) {
        return "voucher " + rejected.voucher() + " for " + rejected.amount() + " exceeds the available "
                + rejected.available()
                + (rejected.reason() == null || rejected.reason().isBlank() ? "" : " (" + rejected.reason() + ")")
                + "; the refusal is recorded";
    }
}
