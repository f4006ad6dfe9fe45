package io.budgetmonitor.api.values;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact amount of yuan, kept to the fen (scale 2). Never a double: a finance office reconciles
 * to the fen, and the seed's 16,061.02 万元 is {@code "160610200.00"} on the wire.
 * Amounts with more than two decimals are refused rather than rounded, so bad input is visible; so
 * are amounts of more than {@value BoundedDecimal#MAX_INTEGER_DIGITS} integer digits, which no budget
 * has and which would make arithmetic expensive (see {@link BoundedDecimal}).
 */
@JsonDeserialize(using = Money.FromJson.class)
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final int FEN_DIGITS = 2;
    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        Objects.requireNonNull(amount, "amount");
        // magnitude first: precision and scale are cheap, setScale of 1E+9999999 is not
        if ((long) amount.precision() - amount.scale() > BoundedDecimal.MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException(
                    "amount has more than " + BoundedDecimal.MAX_INTEGER_DIGITS + " integer digits");
        }
        if (amount.scale() > FEN_DIGITS && amount.stripTrailingZeros().scale() > FEN_DIGITS) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more than 2 decimals (fen)");
        }
        amount = amount.setScale(FEN_DIGITS, RoundingMode.UNNECESSARY);
    }

    /** Parses what a client wrote: plain decimal text, at most 2 decimals (see {@link BoundedDecimal}). */
    public static Money of(String yuan) {
        Objects.requireNonNull(yuan, "amount");
        try {
            return new Money(BoundedDecimal.parse(yuan, FEN_DIGITS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "amount " + e.getMessage() + " (an amount of yuan has at most 2 decimals, fen)");
        }
    }

    public static Money of(BigDecimal yuan) {
        return new Money(yuan);
    }

    public static Money ofFen(long fen) {
        return new Money(BigDecimal.valueOf(fen, 2));
    }

    public long fen() {
        return amount.movePointRight(2).longValueExact();
    }

    /**
     * Whether {@code this + other} is still an amount (at most {@value BoundedDecimal#MAX_INTEGER_DIGITS}
     * integer digits): a command checks it before it records a sum that its aggregate could not hold.
     */
    public boolean canAdd(Money other) {
        BigDecimal sum = amount.add(other.amount);
        return (long) sum.precision() - sum.scale() <= BoundedDecimal.MAX_INTEGER_DIGITS;
    }

    public Money plus(Money other) {
        return new Money(amount.add(other.amount));
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(other.amount));
    }

    public Money negate() {
        return new Money(amount.negate());
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean exceeds(Money other) {
        return compareTo(other) > 0;
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    @Override
    public int compareTo(Money o) {
        return amount.compareTo(o.amount);
    }

    @JsonValue
    @Override
    public String toString() {
        return amount.toPlainString();
    }

    /**
     * Reads an amount from a JSON string (the contract's form) or a JSON number, in both cases from the
     * token's text under {@link BoundedDecimal}'s rule: no BigDecimal is built before the text passed.
     */
    public static final class FromJson extends StdScalarDeserializer<Money> {

        public FromJson() {
            super(Money.class);
        }

        @Override
        public Money deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_STRING
                    && token != JsonToken.VALUE_NUMBER_INT
                    && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return (Money) context.handleUnexpectedToken(Money.class, parser);
            }
            String text = parser.getText();
            try {
                return of(text);
            } catch (IllegalArgumentException invalid) {
                throw InvalidFormatException.from(
                        parser, invalid.getMessage(), BoundedDecimal.abbreviated(text), Money.class);
            }
        }
    }
}
