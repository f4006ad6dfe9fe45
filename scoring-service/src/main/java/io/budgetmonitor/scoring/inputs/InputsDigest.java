package io.budgetmonitor.scoring.inputs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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

    /** Each table's digest, and {@code all} over them in table order. */
    public Map<String, String> digest() {
        Map<String, String> result = new LinkedHashMap<>();
        MessageDigest all = sha256();
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            MessageDigest md = sha256();
            jdbc.query(table.getValue(), rs -> {
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
            result.put(table.getKey(), hex);
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
