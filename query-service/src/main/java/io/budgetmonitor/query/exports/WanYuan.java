package io.budgetmonitor.query.exports;

import io.budgetmonitor.api.values.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * 万元 (ten thousand yuan), the unit of every table in the seed and of the bureau's reports: yuan ÷
 * 10,000 rounded HALF_UP (四舍五入) to two decimals, so 160,610,200.00 yuan is 16,061.02 万元. A total
 * is converted from the total in yuan, never summed from rounded lines, so it may differ from the sum
 * of the column above it by a few 0.01 — as in the seed's own tables.
 */
public final class WanYuan {
    /** Said wherever 万元 figures appear (sheet note, CSV header), so nobody has to guess. */
    public static final String ROUNDING_ZH = "万元 = 元 ÷ 10,000，四舍五入保留两位小数";

    public static final String ROUNDING_EN = "10k yuan = yuan / 10,000, rounded half-up to 2 decimals";

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    private WanYuan() {}

    public static BigDecimal of(Money yuan) {
        return yuan.amount().divide(TEN_THOUSAND, 2, RoundingMode.HALF_UP);
    }
}
