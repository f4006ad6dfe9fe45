package io.budgetmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budgetmonitor.api.commands.BookingPeriod;
import io.budgetmonitor.api.commands.CarryOverFunds;
import io.budgetmonitor.api.commands.OpenFiscalYear;
import io.budgetmonitor.api.commands.RecordDisbursement;
import io.budgetmonitor.api.values.BoundedDecimal;
import io.budgetmonitor.api.values.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The input rules that live with the contract: bounded decimals and booking periods. */
class InputRulesTest {

    @Test
    void decimalsAreBoundedOnTheirText() {
        assertThat(BoundedDecimal.parse("-0.123456", 6)).isEqualByComparingTo(new BigDecimal("-0.123456"));
        assertThat(BoundedDecimal.parse("999999999999999", 0)).isEqualByComparingTo(new BigDecimal("999999999999999"));
        assertThatThrownBy(() -> BoundedDecimal.parse("0.1234567", 6)).hasMessageContaining("more than 6 decimals");
        assertThatThrownBy(() -> BoundedDecimal.parse("1e3", 6)).hasMessageContaining("exponent");
        assertThatThrownBy(() -> BoundedDecimal.parse("1234567890123456", 6)).hasMessageContaining("15 integer digits");
        assertThatThrownBy(() -> BoundedDecimal.parse("1-2", 6)).hasMessageContaining("not a decimal");
    }

    @Test
    void decimalsReadBackFromATreeAreBoundedByValue() throws Exception {
        var mapper = io.budgetmonitor.api.wire.BudgetJson.mapper();
        var kpi =
                "{\"type\":\"SetPerformanceTarget\",\"department\":\"D\",\"fiscalYear\":2021,\"kpi\":\"B1.1\",\"task\":\"B1\","
                        + "\"name\":\"n\",\"direction\":\"HIGHER_IS_BETTER\",\"target\":\"10\",\"points\":\"2\",\"occurredOn\":\"2021-01-10\"}";
        var command = (io.budgetmonitor.api.commands.SetPerformanceTarget)
                mapper.readValue(kpi, io.budgetmonitor.api.commands.BudgetCommand.class);
        // a tree strips trailing zeros: 10 becomes 1E+1 there, and is still 10 when read back
        var again = mapper.treeToValue(mapper.valueToTree(command), io.budgetmonitor.api.commands.BudgetCommand.class);
        assertThat(((io.budgetmonitor.api.commands.SetPerformanceTarget) again).target())
                .isEqualByComparingTo("10");
        assertThatThrownBy(() -> BoundedDecimal.checked(new BigDecimal("1e9999999"), 6))
                .hasMessageContaining("integer digits");
        assertThatThrownBy(() -> BoundedDecimal.checked(new BigDecimal("1e-9999999"), 6))
                .hasMessageContaining("decimals");
    }

    @Test
    void paymentsAreDatedInsideTheirYear() {
        RecordDisbursement payment =
                new RecordDisbursement("D", 2022, "L", "V", Money.of("1"), "p", "q", false, LocalDate.of(2022, 6, 1));
        BookingPeriod period = BookingPeriod.of(payment);
        assertThat(period.contains(LocalDate.of(2022, 1, 1))).isTrue();
        assertThat(period.contains(LocalDate.of(2022, 12, 31))).isTrue();
        assertThat(period.contains(LocalDate.of(2021, 12, 31))).isFalse();
        assertThat(period.contains(LocalDate.of(2023, 1, 1))).isFalse();
        assertThat(period.contains(LocalDate.of(0, 1, 1))).isFalse();
    }

    @Test
    void openingMayPrecedeAndSettlementFollowTheYear() {
        OpenFiscalYear open = new OpenFiscalYear("D", 2022, "n", null, null, LocalDate.of(2021, 11, 1));
        assertThat(BookingPeriod.of(open))
                .isEqualTo(new BookingPeriod(LocalDate.of(2021, 1, 1), LocalDate.of(2022, 12, 31)));
        CarryOverFunds carry = new CarryOverFunds("D", 2022, "L", Money.of("1"), LocalDate.of(2023, 1, 15));
        assertThat(BookingPeriod.of(carry))
                .isEqualTo(new BookingPeriod(LocalDate.of(2022, 1, 1), LocalDate.of(2023, 12, 31)));
    }
}
