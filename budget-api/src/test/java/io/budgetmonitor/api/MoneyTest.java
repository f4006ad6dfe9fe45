package io.budgetmonitor.api;

import io.budgetmonitor.api.values.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void keepsFenExactly() {
        assertThat(Money.of("160610200").toString()).isEqualTo("160610200.00");
        assertThat(Money.of("0.1").plus(Money.of("0.2"))).isEqualTo(Money.of("0.30"));
        assertThat(Money.of("18250.5").fen()).isEqualTo(1_825_050L);
        assertThat(Money.ofFen(1)).isEqualTo(Money.of("0.01"));
    }

    @Test
    void refusesMoreThanTwoDecimalsInsteadOfRounding() {
        assertThatThrownBy(() -> Money.of("1.005")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 2 decimals");
        assertThat(Money.of("1.500")).isEqualTo(Money.of("1.5"));
    }

    @Test
    void refusesWhatIsNotANumber() {
        assertThatThrownBy(() -> Money.of("12,00")).isInstanceOf(IllegalArgumentException.class);
    }
}
