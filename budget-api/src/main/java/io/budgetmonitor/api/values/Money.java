package io.budgetmonitor.api.values;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact amount of yuan, kept to the fen (scale 2). Never a double: a finance office reconciles
 * to the fen, and the seed's 16,061.02 万元 is {@code "160610200.00"} on the wire.
 * Amounts with more than two decimals are refused rather than rounded, so bad input is visible.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    public static final Money ZERO = new Money(BigDecimal.ZERO);

    public Money {
        Objects.requireNonNull(amount, "amount");
        BigDecimal stripped = amount.stripTrailingZeros();
        if (stripped.scale() > 2) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more than 2 decimals (fen)");
        }
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    @JsonCreator
    public static Money of(String yuan) {
        Objects.requireNonNull(yuan, "amount");
        try {
            return new Money(new BigDecimal(yuan.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + yuan + "' is not a decimal amount of yuan");
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
}
