package io.budgetmonitor.query.rebuild;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /**
     * SHA-256 of each query's rows (columns in select order, values as PostgreSQL prints them, NULL as
     * {@code \N}), and {@code all} over those digests in the order given.
     */
    Map<String, String> digestOf(Map<String, String> namedQueries) {
        Map<String, String> result = new LinkedHashMap<>();
        MessageDigest all = sha256();
        for (Map.Entry<String, String> query : namedQueries.entrySet()) {
            MessageDigest md = sha256();
            jdbc.query(query.getValue(), rs -> {
                int columns = rs.getMetaData().getColumnCount();
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    String value = rs.getString(c);
                    row.append(value == null ? "\\N" : value).append('\u001f');
                }
                row.append('\n');
                md.update(row.toString().getBytes(StandardCharsets.UTF_8));
            });
            String hex = HexFormat.of().formatHex(md.digest());
            result.put(query.getKey(), hex);
            all.update(hex.getBytes(StandardCharsets.UTF_8));
        }
        result.put("all", HexFormat.of().formatHex(all.digest()));
        return result;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
