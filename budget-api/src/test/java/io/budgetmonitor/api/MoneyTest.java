package io.budgetmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.wire.BudgetJson;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @Test
    void keepsFenExactly() {
        assertThat(Money.of("160610200").toString()).isEqualTo("160610200.00");
        assertThat(Money.of("0.1").plus(Money.of("0.2"))).isEqualTo(Money.of("0.30"));
        assertThat(Money.of("18250.5").fen()).isEqualTo(1_825_050L);
        assertThat(Money.ofFen(1)).isEqualTo(Money.of("0.01"));
        assertThat(Money.of("999999999999999.99").toString()).isEqualTo("999999999999999.99");
    }

    @Test
    void refusesMoreThanTwoDecimalsInsteadOfRounding() {
        assertThatThrownBy(() -> Money.of("1.005"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 2 decimals");
        assertThatThrownBy(() -> Money.of("1.500")).hasMessageContaining("more than 2 decimals");
        assertThat(Money.of(new BigDecimal("1.500"))).isEqualTo(Money.of("1.5"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "12,00",
                "1e9999999",
                "1E+9999999",
                "1000000000000000",
                " 1.00",
                "+1.00",
                ".5",
                "5.",
                "",
                "-",
                "0x10",
                "NaN",
                "Infinity",
                "١٢٣"
            })
    void refusesWhatIsNotABoundedPlainDecimal(String text) {
        assertThatThrownBy(() -> Money.of(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAHugeTextByItsLengthWithoutQuotingIt() {
        String huge = "9".repeat(1_000_000);
        assertThatThrownBy(() -> Money.of(huge))
                .hasMessageContaining("characters long")
                .message()
                .hasSizeLessThan(200);
    }

    @Test
    void refusesHugeMagnitudesFromArithmeticOrStorageCheaply() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> Money.of(new BigDecimal("1e9999999"))).hasMessageContaining("integer digits");
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }

    @Test
    void readsJsonStringsAndNumbersByTheirText() throws Exception {
        var mapper = BudgetJson.mapper();
        assertThat(mapper.readValue("\"1000.50\"", Money.class)).isEqualTo(Money.of("1000.50"));
        assertThat(mapper.readValue("1000.5", Money.class)).isEqualTo(Money.of("1000.50"));
        assertThat(mapper.readValue("1000", Money.class)).isEqualTo(Money.of("1000"));
        long started = System.nanoTime();
        assertThatThrownBy(() -> mapper.readValue("1e9999999", Money.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("exponent");
        assertThatThrownBy(() -> mapper.readValue("\"1e9999999\"", Money.class)).hasMessageContaining("exponent");
        assertThatThrownBy(() -> mapper.readValue("0.001", Money.class)).hasMessageContaining("more than 2 decimals");
        assertThatThrownBy(() -> mapper.readValue("true", Money.class)).isInstanceOf(JsonMappingException.class);
        assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
    }
}
