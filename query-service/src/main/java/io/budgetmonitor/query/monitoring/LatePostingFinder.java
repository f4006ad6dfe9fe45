package io.budgetmonitor.query.monitoring;

import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.Quarter;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.QuarterClose;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds disbursements recorded (later log position) after the latest close of the quarter they are
 * dated in, and not reversed since. Read from the event-log copy, so the answer does not depend on
 * the order in which line and fiscal-year streams happened to be consumed.
 */
@Component
public class LatePostingFinder {
    private final JdbcTemplate jdbc;

    public LatePostingFinder(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<LatePosting> find(DepartmentYearState state) {
        List<LatePosting> late = new ArrayList<>();
        int year = state.id().fiscalYear();
        for (QuarterClose close : state.closes().values()) {
            Quarter q = Quarter.of(close.quarter());
            late.addAll(jdbc.query(
                    "select d.event_id, d.payload->>'line' as line, d.payload->>'voucher' as voucher, "
                            + "d.payload->>'amount' as amount, d.occurred_on from event_log d "
                            + "where d.department = ? and d.fiscal_year = ? and d.event_type = 'DisbursementRecorded' "
                            + "and d.occurred_on between ? and ? and d.position > ? and not exists (select 1 from event_log r "
                            + "where r.aggregate_id = d.aggregate_id and r.event_type = 'DisbursementReversed' "
                            + "and r.payload->>'voucher' = d.payload->>'voucher') order by d.position",
                    (rs, i) -> new LatePosting(
                            close.quarter(),
                            rs.getString("line"),
                            rs.getString("voucher"),
                            Money.of(rs.getString("amount")),
                            rs.getDate("occurred_on").toLocalDate(),
                            rs.getString("event_id")),
                    state.id().department(),
                    year,
                    Date.valueOf(q.firstDay(year)),
                    Date.valueOf(q.lastDay(year)),
                    close.position()));
        }
        return late;
    }
}
