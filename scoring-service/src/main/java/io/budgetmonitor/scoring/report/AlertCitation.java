package io.budgetmonitor.scoring.report;

import io.budgetmonitor.scoring.alerts.YearAlert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * 年内预警 as 三 and 四 cite them: how many alerts the monitor raised in the year, how bad they got, under
 * which rules, and which were still open when the year closed (worst first). An alert counts once however
 * often it was escalated; coming back after being resolved is counted apart (再次触发), so the figure is the
 * number of things a budget office had to look at.
 */
final class AlertCitation {

    /** How many still-open alerts are named one by one before "等". */
    static final int NAMED = 8;

    private AlertCitation() {}

    /** The paragraph of 三, or null when the year raised no alert. */
    static String problem(List<YearAlert> alerts) {
        if (alerts.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("年内共触发预警")
                .append(alerts.size())
                .append("次，其中")
                .append(bySeverity(alerts))
                .append("；按监控规则分：")
                .append(byRule(alerts));
        int reopened = alerts.stream().mapToInt(YearAlert::reopened).sum();
        if (reopened > 0) {
            text.append("；解除后再次触发").append(reopened).append("次");
        }
        List<YearAlert> open = stillOpen(alerts);
        if (open.isEmpty()) {
            text.append("。上述预警均已在年内解除。");
        } else {
            text.append("。年末仍未解除、随年度结账关闭的预警")
                    .append(open.size())
                    .append("条：")
                    .append(named(open))
                    .append("。");
        }
        return text.toString();
    }

    /** The measure of 四, or null when the year raised no alert. */
    static String measure(List<YearAlert> alerts) {
        if (alerts.isEmpty()) {
            return null;
        }
        List<String> top = counts(alerts).keySet().stream().limit(3).toList();
        StringBuilder text = new StringBuilder("强化预算执行监控预警处置。针对年内触发的")
                .append(alerts.size())
                .append("次预警（主要为")
                .append(String.join("、", top))
                .append("），逐条分析原因，明确责任人和整改时限");
        List<YearAlert> open = stillOpen(alerts);
        if (!open.isEmpty()) {
            text.append("；对年末仍未解除的")
                    .append(open.size())
                    .append("条预警（")
                    .append(named(open))
                    .append("）在下一年度预算编制和执行中重点跟踪");
        }
        return text.append("，做到预警早发现、早处置。").toString();
    }

    private static String bySeverity(List<YearAlert> alerts) {
        List<String> parts = new ArrayList<>();
        for (int i = YearAlert.SEVERITIES.size() - 1; i >= 0; i--) {
            String severity = YearAlert.SEVERITIES.get(i);
            long n = alerts.stream()
                    .filter(a -> severity.equals(a.worstSeverity()))
                    .count();
            if (n > 0) {
                parts.add(YearAlert.severityName(severity) + n + "次");
            }
        }
        long other = alerts.stream()
                .filter(a -> !YearAlert.SEVERITIES.contains(a.worstSeverity()))
                .count();
        if (other > 0) {
            parts.add("其他等级" + other + "次");
        }
        return String.join("、", parts);
    }

    private static String byRule(List<YearAlert> alerts) {
        return counts(alerts).entrySet().stream()
                .map(e -> e.getKey() + e.getValue() + "次")
                .collect(Collectors.joining("、"));
    }

    /** Rule name → alerts, most frequent first (ties by name, so the text is stable). */
    private static Map<String, Long> counts(List<YearAlert> alerts) {
        Map<String, Long> counts =
                alerts.stream().collect(Collectors.groupingBy(YearAlert::ruleName, Collectors.counting()));
        Map<String, Long> ordered = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    /** Open at year end, worst first, then by rule and subject. */
    private static List<YearAlert> stillOpen(List<YearAlert> alerts) {
        return alerts.stream()
                .filter(YearAlert::openAtYearEnd)
                .sorted(Comparator.comparingInt((YearAlert a) -> YearAlert.rank(a.severity()))
                        .reversed()
                        .thenComparing(YearAlert::rule)
                        .thenComparing(YearAlert::subject))
                .toList();
    }

    private static String named(List<YearAlert> open) {
        String names = open.stream()
                .limit(NAMED)
                .map(a -> a.ruleName() + "（" + a.subjectName() + "，" + YearAlert.severityName(a.severity()) + "）")
                .collect(Collectors.joining("、"));
        return open.size() > NAMED ? names + "等" : names;
    }
}
