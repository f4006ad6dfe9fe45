package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.consumer.TableDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * SHA-256 of each inputs table (指标输入): every row in primary-key order, columns in table order, values
 * as PostgreSQL prints them; generated ids are left out (they number rows in arrival order, which a
 * replay need not repeat). Equal digests of a live instance and of one that read the log from offset 0
 * into an empty database prove the live inputs hold every event exactly once.
 *
 * <p>The same canonical form as query-service's read-model digest; the services share no code, so
 * the few lines of hashing are written in each.
 */
@Component
public class InputsDigest {
    /** Inputs tables and the query that lists each canonically. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("department_year", "select * from department_year order by department, fiscal_year");
        TABLES.put("budget_line", "select * from budget_line order by department, fiscal_year, line");
        TABLES.put("voucher", "select * from voucher order by department, fiscal_year, voucher");
        TABLES.put("kpi", "select * from kpi order by department, fiscal_year, kpi");
        TABLES.put(
                "qualitative_deduction",
                "select event_id, department, fiscal_year, indicator, deduction, reason, evaluator, occurred_on"
                        + " from qualitative_deduction order by event_id");
        TABLES.put(
                "bonus_penalty",
                "select event_id, department, fiscal_year, points, reason, occurred_on from bonus_penalty"
                        + " order by event_id");
    }

    private final JdbcTemplate jdbc;

    public InputsDigest(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Each table's digest, and {@code all} over them in table order ({@link TableDigest}). */
    public Map<String, String> digest() {
        return TableDigest.of(jdbc, TABLES);
    }
}
