package io.budgetmonitor.scoring.projection;

import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import io.budgetmonitor.scoring.inputs.LineInputs;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * 按当前进度外推: each line's net execution so far, spread evenly over the days elapsed, continues at the
 * same daily rate to 31 December (capped at what the line can still spend: budget − reclaimed − carried
 * over); general-public-budget quarters already closed keep their actual net, later ones get the daily
 * rate × their remaining days. KPIs keep their latest reported actual.
 */
final class RunRateProjection {

    static final String METHOD =
            "linear run rate: per line, projected executed = executed × days in year ÷ days elapsed "
                    + "(capped at budget − reclaimed − carried over); GPB quarters after asOf get the same daily rate; KPIs keep their latest actual";

    private RunRateProjection() {}

    static IndicatorInputs project(IndicatorInputs in, LocalDate asOf) {
        LocalDate start = LocalDate.of(in.fiscalYear(), 1, 1);
        LocalDate end = LocalDate.of(in.fiscalYear(), 12, 31);
        if (!asOf.isBefore(end)) {
            return in;
        }
        long yearDays = ChronoUnit.DAYS.between(start, end) + 1;
        long elapsed = Math.max(1, ChronoUnit.DAYS.between(start, asOf) + 1);
        List<LineInputs> lines = new ArrayList<>();
        for (LineInputs line : in.lines()) {
            BigDecimal projected = line.executed()
                    .amount()
                    .multiply(BigDecimal.valueOf(yearDays))
                    .divide(BigDecimal.valueOf(elapsed), 2, RoundingMode.DOWN);
            Money ceiling = line.budget().minus(line.reclaimed()).minus(line.carriedOver());
            Money capped = Money.of(projected).min(ceiling);
            lines.add(line.withExecuted(capped.exceeds(line.executed()) ? capped : line.executed()));
        }
        Money gpbSoFar = in.generalCumulative(4);
        Money gpbCeiling = in.budget(IndicatorInputs.generalPublicBudget());
        BigDecimal daily = gpbSoFar.amount().divide(BigDecimal.valueOf(elapsed), 10, RoundingMode.DOWN);
        List<Money> quarters = new ArrayList<>();
        Money cumulative = Money.ZERO;
        for (int q = 1; q <= 4; q++) {
            LocalDate last = Quarter.of(q).lastDay(in.fiscalYear());
            LocalDate first = Quarter.of(q).firstDay(in.fiscalYear());
            Money net = in.generalQuarterNet().get(q - 1);
            if (!last.isBefore(asOf)) {
                LocalDate from = asOf.isBefore(first) ? first : asOf.plusDays(1);
                long days = Math.max(0, ChronoUnit.DAYS.between(from, last) + 1);
                net = net.plus(Money.of(daily.multiply(BigDecimal.valueOf(days)).setScale(2, RoundingMode.DOWN)));
            }
            Money room = gpbCeiling.minus(cumulative);
            // never project more than the general public budget holds
            net = room.isNegative() ? Money.ZERO : net.min(room);
            cumulative = cumulative.plus(net);
            quarters.add(net);
        }
        return in.with(lines, quarters, in.kpis());
    }
}
