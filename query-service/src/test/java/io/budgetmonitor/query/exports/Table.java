package io.budgetmonitor.query.exports;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsed CSV records read by column name. */
record Table(List<String> header, List<Map<String, String>> rows) {

    static Table of(List<String> header, List<List<String>> records) {
        return new Table(header, toRows(header, records));
    }

    List<String> column(String name) {
        if (!header.contains(name)) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        return rows.stream().map(r -> r.get(name)).toList();
    }

    /** The sum of a numeric column over the first {@code n} rows. */
    BigDecimal sum(String name, int n) {
        return column(name).subList(0, n).stream().map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static List<Map<String, String>> toRows(List<String> header, List<List<String>> records) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < record.size() ? record.get(i) : null);
            }
            rows.add(row);
        }
        return rows;
    }
}
