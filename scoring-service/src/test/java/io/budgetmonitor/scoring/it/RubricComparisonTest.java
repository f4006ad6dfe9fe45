package io.budgetmonitor.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The demo year (Shijing 2021) re-scored under the MOF-framework rubric and compared with its own
 * Baiyun score indicator by indicator, through the running service.
 */
class RubricComparisonTest extends RunningScoringService {

    /** Not BY-SJ nor RPT-SJ: other tests put years there in the same database. */
    static final String SHIJING = "CMP-SJ";

    @Test
    void theDemoYearUnderBothRubrics() throws Exception {
        publishAll(ShijingScenario.events(SHIJING));
        waitForPosition(EVENTS.lastPosition());
        TestRestTemplate auditor = as("auditor");

        JsonNode comparison = read(auditor.getForObject(
                "/api/v1/departments/" + SHIJING + "/years/2021/rubric-comparison?other=mof-dept-2020", String.class));
        // the year's own rubric still gives the seed's 90.25
        assertThat(comparison.at("/rubric/rubric/id").asText()).isEqualTo("baiyun-2022");
        assertThat(comparison.at("/rubric/total").decimalValue()).isEqualByComparingTo("90.25");
        assertThat(comparison.at("/rubric/grade").asText()).isEqualTo("优");
        assertThat(comparison.at("/other/rubric/id").asText()).isEqualTo("mof-dept-2020");

        Map<String, JsonNode> rows = new HashMap<>();
        comparison.get("indicators").forEach(row -> rows.put(row.get("measure").asText(), row));

        // 预算完成率 93.66% in both: 2 × 0.9366 = 1.87 under Baiyun (A1.1), 5 × 0.9366 = 4.683 → 4.68 under MOF (P1.1)
        JsonNode completion = rows.get("ratio:BUDGET_COMPLETION");
        assertThat(completion.at("/rubric/code").asText()).isEqualTo("A1.1");
        assertThat(completion.at("/other/code").asText()).isEqualTo("P1.1");
        assertThat(completion.at("/rubric/value").asText()).isEqualTo("0.9366");
        assertThat(completion.at("/other/value").asText()).isEqualTo("0.9366");
        assertThat(completion.at("/rubric/points").decimalValue()).isEqualByComparingTo("1.87");
        assertThat(completion.at("/other/points").decimalValue()).isEqualByComparingTo("4.68");
        assertThat(completion.get("pointsDifference").decimalValue()).isEqualByComparingTo("2.81");
        assertThat(completion.get("why").toString()).contains("weight 2.00 → 5.00");

        // 一般公共预算支出年度平均执行率 97.95% (A1.5, 2 → 1.96) is 支出进度 under MOF (P1.2): 3 × 0.9795 = 2.9385 → 2.94
        JsonNode quarterly = rows.get("kind:QUARTERLY_AVERAGE");
        assertThat(quarterly.at("/other/code").asText()).isEqualTo("P1.2");
        assertThat(quarterly.at("/other/value").asText()).isEqualTo("0.9795");
        assertThat(quarterly.at("/rubric/points").decimalValue()).isEqualByComparingTo("1.96");
        assertThat(quarterly.at("/other/points").decimalValue()).isEqualByComparingTo("2.94");

        // 结转结余率 0% under both step rules: full points (2 and 3)
        JsonNode carryOver = rows.get("ratio:CARRY_OVER_SURPLUS");
        assertThat(carryOver.at("/rubric/points").decimalValue()).isEqualByComparingTo("2");
        assertThat(carryOver.at("/other/points").decimalValue()).isEqualByComparingTo("3");
        assertThat(carryOver.get("why").toString()).contains("step=0.05").contains("step=0.02");

        // 绩效目标合理性 is qualitative in both (A6.2, D1.1) and was not deducted: full points, 2 and 3
        JsonNode targets = rows.get("qualitative:绩效目标合理性");
        assertThat(targets.at("/rubric/code").asText()).isEqualTo("A6.2");
        assertThat(targets.at("/other/code").asText()).isEqualTo("D1.1");
        assertThat(targets.at("/other/points").decimalValue()).isEqualByComparingTo("3");

        // indicators without a counterpart: Baiyun's asset and bonus indicators, MOF's output categories
        assertThat(rows.get("kind:ASSET_UTILIZATION").get("other").isNull()).isTrue();
        assertThat(rows.get("kind:BONUS_PENALTY").get("other").isNull()).isTrue();
        // the demo's KPIs were declared under Baiyun's tasks B1–B6: under MOF its output categories have none
        JsonNode o1 = rows.get("task:O1");
        assertThat(o1.get("rubric").isNull()).isTrue();
        assertThat(o1.at("/other/points").decimalValue()).isEqualByComparingTo("0");
        assertThat(o1.get("why").toString()).contains("scored under mof-dept-2020 only");
        assertThat(rows.get("task:B5").at("/rubric/points").decimalValue()).isEqualByComparingTo("6");

        // the MOF total, from the same inputs: 决策 15 (no MOF deduction recorded) + 过程 24.62 + 产出 0 + 效益 0
        // 过程: P1.1 4.68 + P1.2 2.94 + P1.3 3 + P1.4 5 + P2.1 2 + P2.2 3 + P2.3 2 + P2.4 2 = 24.62
        assertThat(comparison.at("/other/total").decimalValue()).isEqualByComparingTo("39.62");
        assertThat(comparison.at("/other/grade").asText()).isEqualTo("差");
        assertThat(comparison.get("difference").decimalValue()).isEqualByComparingTo("-50.63");

        // an unknown rubric is a 422 naming the field
        ResponseEntity<String> unknown = auditor.getForEntity(
                "/api/v1/departments/" + SHIJING + "/years/2021/rubric-comparison?other=nowhere-2020", String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(unknown.getBody()).contains("nowhere-2020");
        // and nothing was stored: no evaluation of the year exists
        assertThat(read(auditor.getForObject("/api/v1/evaluations?department=" + SHIJING, String.class)))
                .isEmpty();
    }
}
