package io.budgetmonitor.api.values;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.TreeTraversingParser;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The rule for every decimal a client sends (金额, 指标值, 分值): plain notation, at most
 * {@value #MAX_INTEGER_DIGITS} integer digits and a bounded number of decimals, checked on the text
 * before a {@link BigDecimal} exists. {@code 1e9999999} is a valid BigDecimal that costs seconds of CPU
 * the moment anything scales, compares with or prints it; refusing the exponent form and long text up
 * front makes every later step of a command cheap.
 */
public final class BoundedDecimal {

    /** 999 trillion yuan: far above any budget (the national budget is ~3·10^13), far below what costs CPU. */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** For decimals that are not money (KPI targets and actuals, points, rates). */
    public static final int MAX_FRACTION_DIGITS = 6;

    private BoundedDecimal() {}

    /**
     * @param text              what the client sent: {@code -?digits[.digits]}
     * @param maxFractionDigits how many decimals are allowed
     * @throws IllegalArgumentException naming what is wrong, before any arithmetic
     */
    public static BigDecimal parse(String text, int maxFractionDigits) {
        if (text == null) {
            throw new IllegalArgumentException("is missing");
        }
        int maxLength = 1 + MAX_INTEGER_DIGITS + 1 + maxFractionDigits;
        if (text.length() > maxLength) {
            // long text is refused by its length alone: no scan, no echo of what was sent
            throw new IllegalArgumentException("is " + text.length() + " characters long; a decimal has at most "
                    + MAX_INTEGER_DIGITS + " integer digits and " + maxFractionDigits + " decimals");
        }
        int start = text.startsWith("-") ? 1 : 0;
        int point = -1;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' && point < 0) {
                point = i;
            } else if (c == 'e' || c == 'E') {
                throw new IllegalArgumentException(
                        "'" + text + "' is in exponent form; write the decimal out, e.g. \"1000.00\"");
            } else if (c < '0' || c > '9') {
                throw new IllegalArgumentException("'" + text + "' is not a decimal number, e.g. \"1000.00\"");
            }
        }
        int integerDigits = (point < 0 ? text.length() : point) - start;
        int fractionDigits = point < 0 ? 0 : text.length() - point - 1;
        if (integerDigits == 0 || point >= 0 && fractionDigits == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a decimal number, e.g. \"1000.00\"");
        }
        if (integerDigits > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(
                    "'" + text + "' has more than " + MAX_INTEGER_DIGITS + " integer digits");
        }
        if (fractionDigits > maxFractionDigits) {
            throw new IllegalArgumentException("'" + text + "' has more than " + maxFractionDigits + " decimals");
        }
        return new BigDecimal(text);
    }

    /**
     * The same bounds for a value that is already a BigDecimal (read back from a JSON tree, where it
     * may print as {@code 1E+1}): integer digits and decimals are counted from precision and scale,
     * which costs nothing, and a negative scale is written out (at most 15 digits by then).
     */
    public static BigDecimal checked(BigDecimal value, int maxFractionDigits) {
        if ((long) value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("has more than " + MAX_INTEGER_DIGITS + " integer digits");
        }
        if (value.scale() > maxFractionDigits && value.stripTrailingZeros().scale() > maxFractionDigits) {
            throw new IllegalArgumentException("has more than " + maxFractionDigits + " decimals");
        }
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    /**
     * Reads a decimal command field under the rule, from a JSON string or a JSON number; a number is
     * checked on its token text, so Jackson never builds the BigDecimal of {@code 1e9999999} either.
     */
    public static final class Deserializer extends StdScalarDeserializer<BigDecimal> {

        public Deserializer() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_STRING
                    && token != JsonToken.VALUE_NUMBER_INT
                    && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
            }
            if (token != JsonToken.VALUE_STRING && parser instanceof TreeTraversingParser) {
                // a tree holds numbers already parsed (by us, under this rule): bound the value, not its print
                try {
                    return checked(parser.getDecimalValue(), MAX_FRACTION_DIGITS);
                } catch (IllegalArgumentException invalid) {
                    throw InvalidFormatException.from(parser, invalid.getMessage(), parser.getText(), BigDecimal.class);
                }
            }
            String text = parser.getText();
            try {
                return parse(text, MAX_FRACTION_DIGITS);
            } catch (IllegalArgumentException invalid) {
                throw InvalidFormatException.from(parser, invalid.getMessage(), abbreviated(text), BigDecimal.class);
            }
        }
    }

    /** What a refusal may quote of a value: never more than a line of it. */
    public static String abbreviated(String text) {
        return text == null || text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
