package io.budgetmonitor.command.web;

import io.budgetmonitor.api.values.PlainText;
import io.budgetmonitor.command.input.FieldError;
import io.budgetmonitor.command.input.InputErrors;
import io.budgetmonitor.command.input.InvalidInputException;
import io.budgetmonitor.security.HeaderEncoding;
import java.util.List;

/**
 * The headers whose values are stored with every event or as a key: the correlation id and the
 * Idempotency-Key (X-Recorded-By, the client's onBehalfOf claim, is read by the security module's OnBehalfOf). They are text like any field, so they follow the same
 * rule ({@link PlainText}) with their own maximum lengths.
 */
public final class RequestHeaderText {

    public static final int CORRELATION_ID_MAX = 128;
    public static final int IDEMPOTENCY_KEY_MAX = 128;

    private RequestHeaderText() {}

    /**
     * Tomcat hands header bytes over as ISO-8859-1; a client writing {@code X-Recorded-By: 财务室} sent
     * UTF-8. The value is read as UTF-8 when its bytes are valid UTF-8, as sent otherwise.
     */
    public static String decoded(String header) {
        return header == null ? null : HeaderEncoding.asUtf8(header).orElse(header);
    }

    /** {@code value} (already decoded) if it is plain text within {@code max}; otherwise a 400 naming the header. */
    public static String checked(String header, String value, int max) {
        if (value == null) {
            return null;
        }
        String problem = PlainText.Validator.problemOf(value, max);
        if (problem != null) {
            throw new InvalidInputException(
                    InputErrors.INVALID_TITLE,
                    "header " + header + " " + problem,
                    List.of(new FieldError(header, problem)));
        }
        return value;
    }
}
