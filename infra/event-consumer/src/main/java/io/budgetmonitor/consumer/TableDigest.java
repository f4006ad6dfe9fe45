package io.budgetmonitor.consumer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A reader's read model as one fingerprint (摘要): SHA-256 of each query's rows (columns in select order,
 * values as PostgreSQL prints them, NULL as {@code \N}), and {@code all} over those digests in the order
 * given. Equal digests of a live reader and a clean rebuild prove the rebuild reproduced it; both readers
 * use this one definition, so their digests cannot drift apart in how they read a row.
 */
public final class TableDigest {

    private TableDigest() {}

    public static Map<String, String> of(JdbcTemplate jdbc, Map<String, String> namedQueries) {
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
