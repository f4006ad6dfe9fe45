package io.budgetmonitor.query.alerts;

import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 待处理预警: the active alerts of one department-year (部门年度) under one rule, the worst subject
 * first — what a budget office reads and acts on, one item per problem rather than one per line.
 * The 13 lines behind schedule of a year are one conversation with one department, not 13.
 *
 * @param severity the worst severity in the group
 * @param worst    the alert to read first: highest severity, then the longest standing
 * @param alerts   every alert of the group, in that order ({@code worst} first)
 */
public record AlertGroup(
        String department, int fiscalYear, Rule rule, Severity severity, int count, Alert worst, List<Alert> alerts) {

    /** Worst first: higher severity, then opened earlier (it has waited longest), then by id. */
    static final Comparator<Alert> WORST_FIRST = Comparator.comparing(Alert::severity)
            .reversed()
            .thenComparing(Alert::openedAt)
            .thenComparingLong(Alert::id);

    /** Groups first by their worst severity, then the bigger group, then by department, year and rule. */
    static final Comparator<AlertGroup> ORDER = Comparator.comparing(AlertGroup::severity)
            .reversed()
            .thenComparing(Comparator.comparingInt(AlertGroup::count).reversed())
            .thenComparing(AlertGroup::department)
            .thenComparingInt(AlertGroup::fiscalYear)
            .thenComparing(AlertGroup::rule);

    /** Groups alerts per department-year and rule; pure, whatever the alerts' order. */
    public static List<AlertGroup> of(List<Alert> alerts) {
        Map<String, List<Alert>> byKey = new LinkedHashMap<>();
        for (Alert a : alerts) {
            byKey.computeIfAbsent(a.department() + "|" + a.fiscalYear() + "|" + a.rule(), k -> new ArrayList<>())
                    .add(a);
        }
        List<AlertGroup> groups = new ArrayList<>();
        for (List<Alert> members : byKey.values()) {
            List<Alert> sorted = members.stream().sorted(WORST_FIRST).toList();
            Alert worst = sorted.get(0);
            groups.add(new AlertGroup(
                    worst.department(),
                    worst.fiscalYear(),
                    worst.rule(),
                    worst.severity(),
                    sorted.size(),
                    worst,
                    sorted));
        }
        groups.sort(ORDER);
        return groups;
    }
}
