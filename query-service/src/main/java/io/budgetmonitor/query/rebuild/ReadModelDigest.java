package io.budgetmonitor.query.rebuild;

import io.budgetmonitor.consumer.TableDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * SHA-256 of each read model's contents: every row in primary-key order, columns in table order,
 * values as PostgreSQL prints them. Equal digests prove a rebuild reproduced the live tables.
 */
@Component
public class ReadModelDigest {
    /** Read-model tables and their canonical ordering. */
    static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("dept_year", "department, fiscal_year");
        TABLES.put("budget_line", "department, fiscal_year, line");
        TABLES.put("line_quarter", "department, fiscal_year, line, quarter");
        TABLES.put("quarter_close", "department, fiscal_year, quarter");
        TABLES.put("kpi", "department, fiscal_year, kpi");
    }

    private final JdbcTemplate jdbc;

    public ReadModelDigest(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, String> digest(String schema) {
        Map<String, String> queries = new LinkedHashMap<>();
        TABLES.forEach(
                (table, order) -> queries.put(table, "select * from " + schema + "." + table + " order by " + order));
        return digestOf(queries);
    }

    /** The digest of each named query's rows, and {@code all} over them (one definition: {@link TableDigest}). */
    Map<String, String> digestOf(Map<String, String> namedQueries) {
        return TableDigest.of(jdbc, namedQueries);
    }
}
