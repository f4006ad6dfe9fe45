package io.budgetmonitor.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.scoring.rubric.Rubric;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed's 2021 self-evaluation of 石井街道, every figure to the cent, from hand-built inputs. */
class GoldenEvaluationTest {

    private static EvaluationResult result;

    @BeforeAll
    static void evaluate() {
        Rubric rubric = ShijingInputs.baiyun();
        result = new ScoringEngine().evaluate(rubric, ShijingInputs.inputs());
    }

    @Test
    void totalAndGrade() {
        assertThat(result.total()).isEqualByComparingTo("90.25");
        assertThat(result.max()).isEqualByComparingTo("100");
        assertThat(result.grade()).isEqualTo("优");
        assertThat(result.parts().get("A").points()).isEqualByComparingTo("42.25");
        assertThat(result.parts().get("A").max()).isEqualByComparingTo("45");
        assertThat(result.parts().get("B").points()).isEqualByComparingTo("48");
        assertThat(result.parts().get("B").max()).isEqualByComparingTo("55");
    }

    @Test
    void everyIndicatorOfTheSeed() {
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("A1", "15.33");
        expected.put("A1.1", "1.87");
        expected.put("A1.2", "3");
        expected.put("A1.3", "2");
        expected.put("A1.4", "1.5");
        expected.put("A1.5", "1.96");
        expected.put("A1.6", "2");
        expected.put("A1.7", "3");
        expected.put("A2", "2");
        expected.put("A2.1", "2");
        expected.put("A3", "4");
        expected.put("A3.1", "2");
        expected.put("A3.2", "2");
        expected.put("A4", "4");
        expected.put("A4.1", "1");
        expected.put("A4.2", "1");
        expected.put("A4.3", "2");
        expected.put("A5", "4");
        expected.put("A5.1", "2");
        expected.put("A5.2", "2");
        expected.put("A6", "12.92");
        expected.put("A6.1", "2.5");
        expected.put("A6.2", "2");
        expected.put("A6.3", "2");
        expected.put("A6.4", "1.92");
        expected.put("A6.5", "3");
        expected.put("A6.6", "1.5");
        expected.put("B1", "8");
        expected.put("B2", "8");
        expected.put("B3", "10");
        expected.put("B4", "8");
        expected.put("B5", "6");
        expected.put("B6", "8");
        expected.put("B7", "0");
        expected.forEach((code, points) -> assertThat(
                        result.indicator(code).orElseThrow().points())
                .as(code)
                .isEqualByComparingTo(points));
        assertThat(result.indicators()).hasSize(expected.size());
    }

    @Test
    void ratesAsTheSeedStatesThem() {
        assertThat(value("A1.1")).isEqualTo("0.9366");
        assertThat(value("A1.4")).isEqualTo("0.0900");
        assertThat(value("A1.5")).isEqualTo("0.9795");
        assertThat(value("A1.6")).isEqualTo("0.0000");
        assertThat(value("A4.3")).isEqualTo("0.9993");
        assertThat(value("A5.1")).isEqualTo("0.9822");
        assertThat(value("A5.2")).isEqualTo("0.6459");
        assertThat(value("A6.4")).isEqualTo("0.9600");
        assertThat(value("A2.1")).isEqualTo("0.8400");
    }

    @Test
    void explanationsInTheSeedsStyle() {
        assertThat(explanation("A1.1")).isEqualTo("预算完成率为93.66%，未达100%，计算得1.87分。");
        assertThat(explanation("A1.4")).startsWith("财政拨款收入预决算差异率为9.00%，每增加5.0%（含）扣减0.5分，计算得1.5分");
        assertThat(explanation("A1.5")).contains("97.95%").contains("1.96分").contains("第一、三、四季度");
        assertThat(explanation("A6.4")).contains("96.00%").contains("24个").contains("扶贫资金到位率");
        assertThat(explanation("A6.5")).contains("扣1分").contains("得3分");
        assertThat(explanation("B5")).contains("扶贫资金到位率").contains("得分6分");
        assertThat(explanation("B7")).contains("不得分");
        assertThat(result.indicator("A6.5").orElseThrow().deductions()).hasSize(1);
    }

    @Test
    void tasksCarryTheirKpis() {
        assertThat(result.tasks()).hasSize(6);
        TaskScore b5 = result.tasks().get(4);
        assertThat(b5.max()).isEqualByComparingTo("8");
        KpiScore loose = b5.kpis().stream()
                .filter(k -> k.kpi().equals("B5.3"))
                .findFirst()
                .orElseThrow();
        assertThat(loose.completion()).isEqualTo("7.4667");
        assertThat(loose.met()).isTrue();
        assertThat(loose.points()).isEqualByComparingTo(new BigDecimal("2"));
    }

    private static String value(String code) {
        return result.indicator(code).orElseThrow().value();
    }

    private static String explanation(String code) {
        return result.indicator(code).orElseThrow().explanation();
    }
}
