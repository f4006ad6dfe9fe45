package io.budgetmonitor.scoring.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.scoring.alerts.YearAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 年内预警 as 三 and 四 cite them, without infrastructure: counting, ordering, naming. */
class AlertCitationTest {

    private static final Instant JUNE = Instant.parse("2021-06-30T02:00:00Z");
    private static final Instant CLOSE = Instant.parse("2022-01-10T02:00:00Z");

    private static YearAlert alert(
            long id, String rule, String subject, String severity, String worst, String closedBy) {
        return new YearAlert(
                id, "D", 2021, rule, subject, severity, worst, "m", JUNE, closedBy == null ? null : CLOSE, closedBy, 0);
    }

    @Test
    void aYearWithoutAlertsAddsNothing() {
        assertThat(AlertCitation.problem(List.of())).isNull();
        assertThat(AlertCitation.measure(List.of())).isNull();
    }

    @Test
    void allResolvedInTheYearAndAnUnknownRuleStaysItsCode() {
        List<YearAlert> alerts = List.of(
                alert(1, "QUARTER_TARGET_MISSED", "quarter:Q2", "WARNING", "WARNING", "RESOLVED"),
                alert(2, "SOMETHING_NEW", "department", "INFO", "INFO", "RESOLVED"));
        assertThat(AlertCitation.problem(alerts))
                .isEqualTo("年内共触发预警2次，其中警告1次、提示1次；按监控规则分：SOMETHING_NEW1次、季度目标未完成1次。上述预警均已在年内解除。");
        assertThat(AlertCitation.measure(alerts))
                .isEqualTo("强化预算执行监控预警处置。针对年内触发的2次预警（主要为SOMETHING_NEW、季度目标未完成），逐条分析原因，明确责任人和整改时限，做到预警早发现、早处置。");
    }

    @Test
    void theStillOpenAreNamedWorstFirstAndAtMostEight() {
        List<YearAlert> alerts = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            alerts.add(alert(i, "LINE_NEARLY_EXHAUSTED", "line:L" + i, "INFO", "INFO", "CLOSED_WITH_YEAR"));
        }
        alerts.add(alert(10, "KPI_AT_RISK", "kpi:B1.1", "CRITICAL", "CRITICAL", null));
        String problem = AlertCitation.problem(alerts);
        assertThat(problem)
                .startsWith("年内共触发预警10次，其中严重1次、提示9次；按监控规则分：项目额度即将用尽9次、绩效指标实现风险1次。")
                .contains("年末仍未解除、随年度结账关闭的预警10条：绩效指标实现风险（绩效指标B1.1，严重）、项目额度即将用尽（项目L1，提示）")
                .endsWith("项目额度即将用尽（项目L7，提示）等。")
                .doesNotContain("项目L8");
    }
}
