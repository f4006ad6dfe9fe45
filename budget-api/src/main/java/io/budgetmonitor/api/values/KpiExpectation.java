package io.budgetmonitor.api.values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/**
 * 绩效指标全年预计完成: what a KPI's year end is expected to be from its value to date. A cumulative KPI
 * (累计类: a count or an amount that grows through the year — 12 个招商项目, 30 次培训) is projected by the
 * time-progress curve, value to date ÷ 序时进度, so 21 of 30 trainings on 30 June (50%) is on course for 42;
 * a rate or level KPI (到位率 100%, 增速 6%, a score) and every lower-is-better KPI keep their latest value,
 * which is already what the year end will be judged on.
 *
 * <p>A KPI is known to be cumulative by its declaration as {@code PerformanceTargetSet} records it: higher is
 * better and its unit is a count or an amount unit ({@link #COUNT_UNITS}). No new event field: every
 * declared KPI, including those of years recorded before this rule, is classified the same way on replay.
 * A unit not in the list (%, ‰, 分, 天, 定性 …) is a level, which is the old behaviour.
 */
public final class KpiExpectation {

    /** Units of things counted or amounts summed over the year. */
    public static final Set<String> COUNT_UNITS = Set.of(
            "个", "次", "人次", "人", "户", "场", "场次", "件", "项", "篇", "期", "份", "宗", "套", "台", "批", "家", "所", "座", "处", "条",
            "本", "册", "张", "元", "万元", "亿元", "公里", "千米", "米", "平方米", "万平方米", "亩", "吨", "小时", "课时", "学时");

    private static final int SCALE = 4;

    private KpiExpectation() {}

    /** Whether the KPI accumulates through the year (累计类指标). */
    public static boolean cumulative(KpiDirection direction, String unit) {
        return direction == KpiDirection.HIGHER_IS_BETTER && unit != null && COUNT_UNITS.contains(unit.strip());
    }

    /**
     * The expected year-end value: value to date ÷ time progress for a cumulative KPI during the year (time
     * progress strictly between 0 and 1), else the value to date. Null stays null (not reported).
     */
    public static BigDecimal yearEnd(KpiDirection direction, String unit, BigDecimal toDate, BigDecimal timeProgress) {
        if (toDate == null || !projected(direction, unit, timeProgress)) {
            return toDate;
        }
        return toDate.divide(timeProgress, SCALE, RoundingMode.HALF_UP);
    }

    /** Whether {@link #yearEnd} projects (rather than keeps the value to date). */
    public static boolean projected(KpiDirection direction, String unit, BigDecimal timeProgress) {
        return cumulative(direction, unit)
                && timeProgress != null
                && timeProgress.signum() > 0
                && timeProgress.compareTo(BigDecimal.ONE) < 0;
    }
}
