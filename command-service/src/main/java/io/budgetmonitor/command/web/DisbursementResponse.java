package io.budgetmonitor.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.command.dispatch.RecordedEventRef;
import java.util.List;

/**
 * The answer to a disbursement (支出): {@code RECORDED} (201) with what is left on the line, or
 * {@code ALREADY_RECORDED} (200) when the voucher was posted before (nothing new stored; {@code line}
 * says where). A refusal by availability control is a 409 problem instead. {@code recordedBy} is the
 * principal; {@code onBehalfOf} the client's {@code X-Recorded-By} claim, absent without one.
 */
public record DisbursementResponse(
        String outcome,
        String voucher,
        Money amount,
        Money available,
        String line,
        String aggregateId,
        List<RecordedEventRef> recorded,
        long position,
        String recordedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) String onBehalfOf,
        String correlationId) {

    public static final String RECORDED = "RECORDED";
    public static final String ALREADY_RECORDED = "ALREADY_RECORDED";
}
