package io.budgetmonitor.query.exports;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.values.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 writing, the formula-injection guard and 万元 rounding, without infrastructure. */
class CsvTest {

    @Test
    void writesRfc4180AndReadsBackTheSameFields() {
        List<Object> fields =
                Arrays.asList("plain", "a,b", "say \"hi\"", "two\r\nlines", null, new BigDecimal("-12.50"), 2021);
        byte[] bytes = new Csv().row(fields).bytes(false);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",,-12.50,2021\r\n");
        assertThat(CsvRecords.parse(text))
                .containsExactly(List.of("plain", "a,b", "say \"hi\"", "two\r\nlines", "", "-12.50", "2021"));
    }

    @Test
    void aByteOrderMarkOnlyWhenAsked() {
        assertThat(Arrays.copyOf(new Csv().row(List.of("石井街道")).bytes(true), 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(new String(new Csv().row(List.of("石井街道")).bytes(false), StandardCharsets.UTF_8))
                .isEqualTo("石井街道\r\n");
    }

    @Test
    void textThatWouldRunAsAFormulaGetsALeadingApostrophe() {
        assertThat(Csv.field("=1+2")).isEqualTo("'=1+2");
        assertThat(Csv.field("+86 20 1234")).isEqualTo("'+86 20 1234");
        assertThat(Csv.field("-2+3")).isEqualTo("'-2+3");
        assertThat(Csv.field("@SUM(A1:A9)")).isEqualTo("'@SUM(A1:A9)");
        assertThat(Csv.field("\t=1")).isEqualTo("'\t=1");
        assertThat(Csv.field("=HYPERLINK(\"x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"");
        assertThat(Csv.field("物业费=1")).isEqualTo("物业费=1");
        assertThat(Csv.field(new BigDecimal("-1250.00")))
                .as("numbers are not text")
                .isEqualTo("-1250.00");
    }

    @Test
    void wanYuanAreYuanOverTenThousandRoundedHalfUpToTwoDecimals() {
        assertThat(WanYuan.of(Money.of("160610200.00"))).isEqualByComparingTo("16061.02");
        assertThat(WanYuan.of(Money.of("150426500.00"))).isEqualByComparingTo("15042.65");
        assertThat(WanYuan.of(Money.of("250.00"))).isEqualTo(new BigDecimal("0.03"));
        assertThat(WanYuan.of(Money.of("249.99"))).isEqualTo(new BigDecimal("0.02"));
        assertThat(WanYuan.of(Money.of("-1250.00"))).isEqualTo(new BigDecimal("-0.13"));
        assertThat(WanYuan.of(Money.of("0.01"))).isEqualTo(new BigDecimal("0.00"));
    }
}
