package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The latest close (季度结账) of a quarter with the department's reported YTD execution per fund source.
 * A re-close replaces the earlier one (the later log position wins).
 */
public record QuarterClose(
        int quarter, LocalDate closedOn, long position, String eventId, Map<FundSource, Money> reported) {
    public QuarterClose {
        reported = new TreeMap<>(reported);
    }

    /** Canonical text form stored in {@code rm.quarter_close.reported}: {@code FS=amount;FS=amount}. */
    public String reportedText() {
        return reported.entrySet().stream()
                .map(e -> e.getKey().name() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    public static Map<FundSource, Money> parseReported(String text) {
        Map<FundSource, Money> map = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return map;
        }
        for (String pair : text.split(";")) {
            String[] kv = pair.split("=", 2);
            map.put(FundSource.valueOf(kv[0]), Money.of(kv[1]));
        }
        return map;
    }
}
