package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.query.rules.Rule;
import io.budgetmonitor.query.rules.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 待处理预警: one group per department-year and rule, the worst group and the worst subject first. */
class AlertGroupTest {

    private static Alert alert(
            long id, String department, Rule rule, String subject, Severity severity, String openedOn) {
        Instant opened = Instant.parse(openedOn + "T18:00:00Z");
        return new Alert(
                id,
                rule,
                subject,
                department,
                2021,
                severity,
                AlertStatus.OPEN,
                subject,
                List.of(),
                opened,
                opened,
                null,
                null,
                null,
                null);
    }

    @Test
    void groupsPerDepartmentYearAndRuleWorstFirst() {
        Alert lateWarning = alert(1, "SJ", Rule.EXECUTION_BEHIND_SCHEDULE, "line:A", Severity.WARNING, "2021-03-01");
        Alert critical = alert(2, "SJ", Rule.EXECUTION_BEHIND_SCHEDULE, "line:B", Severity.CRITICAL, "2021-05-01");
        Alert earlyWarning = alert(3, "SJ", Rule.EXECUTION_BEHIND_SCHEDULE, "line:C", Severity.WARNING, "2021-02-01");
        Alert exhausted1 = alert(4, "SJ", Rule.LINE_NEARLY_EXHAUSTED, "line:D", Severity.INFO, "2021-11-01");
        Alert exhausted2 = alert(5, "SJ", Rule.LINE_NEARLY_EXHAUSTED, "line:E", Severity.INFO, "2021-11-02");
        Alert exhausted3 = alert(6, "SJ", Rule.LINE_NEARLY_EXHAUSTED, "line:F", Severity.INFO, "2021-11-03");
        Alert quarter = alert(7, "SJ", Rule.QUARTER_TARGET_MISSED, "quarter:Q1", Severity.WARNING, "2021-03-31");
        Alert otherDepartment =
                alert(8, "XC", Rule.EXECUTION_BEHIND_SCHEDULE, "department", Severity.WARNING, "2021-03-01");

        List<AlertGroup> groups = AlertGroup.of(List.of(
                exhausted1, lateWarning, quarter, critical, exhausted3, otherDepartment, earlyWarning, exhausted2));

        assertThat(groups)
                .extracting(g -> g.department() + " " + g.rule() + " " + g.severity() + " ×" + g.count())
                .containsExactly(
                        "SJ EXECUTION_BEHIND_SCHEDULE CRITICAL ×3",
                        "SJ QUARTER_TARGET_MISSED WARNING ×1",
                        "XC EXECUTION_BEHIND_SCHEDULE WARNING ×1",
                        "SJ LINE_NEARLY_EXHAUSTED INFO ×3");
        AlertGroup behind = groups.get(0);
        assertThat(behind.worst()).isEqualTo(critical);
        assertThat(behind.alerts())
                .as("the critical one, then the warning that waited longest")
                .containsExactly(critical, earlyWarning, lateWarning);
        assertThat(groups.get(3).alerts()).containsExactly(exhausted1, exhausted2, exhausted3);
    }

    @Test
    void noAlertsNoGroups() {
        assertThat(AlertGroup.of(List.of())).isEmpty();
    }
}
