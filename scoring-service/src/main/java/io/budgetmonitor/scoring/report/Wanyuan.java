package io.budgetmonitor.scoring.report;

import io.budgetmonitor.api.values.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** 万元 as the report prints it: yuan ÷ 10,000, HALF_UP to 2 decimals, with thousands separators (16,061.02). */
public final class Wanyuan {

    private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");

    private Wanyuan() {}

    public static BigDecimal of(Money yuan) {
        return yuan.amount().divide(TEN_THOUSAND, 2, RoundingMode.HALF_UP);
    }

    public static String format(Money yuan) {
        // a new format per call: DecimalFormat is not thread-safe
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.UNNECESSARY);
        return format.format(of(yuan));
    }
}
