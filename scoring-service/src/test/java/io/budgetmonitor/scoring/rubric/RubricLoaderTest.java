package io.budgetmonitor.scoring.rubric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RubricLoaderTest {

    private static final RubricLoader LOADER = new RubricLoader();

    static String baiyunYaml() {
        try (InputStream in = RubricLoaderTest.class.getResourceAsStream("/rubrics/baiyun-2022.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void baiyun2022Loads() {
        Rubric rubric = LOADER.load(baiyunYaml().getBytes(StandardCharsets.UTF_8), "baiyun-2022.yaml");
        assertThat(rubric.id()).isEqualTo("baiyun-2022");
        assertThat(rubric.version()).isEqualTo(1);
        assertThat(rubric.name().zh()).contains("白云区");
        assertThat(rubric.maxPoints()).isEqualByComparingTo("100");
        assertThat(rubric.parts()).extracting(RubricPart::code).containsExactly("A", "B");
        assertThat(rubric.parts().get(0).max()).isEqualByComparingTo("45");
        assertThat(rubric.parts().get(1).max()).isEqualByComparingTo("55");
        assertThat(rubric.allIndicators()).hasSize(34);
        assertThat(rubric.indicator("A1.4").orElseThrow().formula().step()).isEqualTo(new BigDecimal("0.05"));
        assertThat(rubric.indicator("B7").orElseThrow().formula().min()).isEqualByComparingTo("-5");
        assertThat(rubric.timeProgress())
                .containsExactly(
                        new BigDecimal("0.25"), new BigDecimal("0.50"), new BigDecimal("0.75"), new BigDecimal("1.00"));
        assertThat(rubric.assumptions()).isNotEmpty();
        assertThat(rubric.indicator("A5.2").orElseThrow().formula().overLimit().assumption())
                .isNotBlank();
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "'formula: {kind: STEP_DEDUCTION, ratio: APPROPRIATION_REVENUE_VARIANCE, step: \"0.05\"'|'formula: {kind: STEP_DEDUCTION, ratio: APPROPRIATION_REVENUE_VARIANCE, step: \"abc\"'|parts[0].indicators[0].indicators[3].formula.step",
                "'step: \"0.05\", deductionPerStep: \"0.5\", floor: 0}'|'step: \"0.05\", floor: 0}'|parts[0].indicators[0].indicators[3].formula.deductionPerStep",
                "'formula: {kind: RATE_TIMES_MAX, ratio: BUDGET_COMPLETION}'|'formula: {kind: RATE_TIMES_MAX, ratio: BUDGET_COMPLETENESS}'|parts[0].indicators[0].indicators[0].formula.ratio",
                "'formula: {kind: RATE_TIMES_MAX, ratio: BUDGET_COMPLETION}'|'formula: {kind: TIMES_MAX, ratio: BUDGET_COMPLETION}'|parts[0].indicators[0].indicators[0].formula.kind",
                "'formula: {kind: RATE_TIMES_MAX, ratio: BUDGET_COMPLETION}'|'formula: {kind: RATE_TIMES_MAX}'|parts[0].indicators[0].indicators[0].formula.ratio",
                "'formula: {kind: RATE_TIMES_MAX, ratio: BUDGET_COMPLETION}'|'formula: {kind: RATE_TIMES_MAX, ratio: BUDGET_COMPLETION, stepp: 1}'|parts[0].indicators[0].indicators[0].formula.stepp",
                "'        max: 16'|'        max: 17'|parts[0].indicators[0].max",
                "'    max: 45'|'    max: 44'|parts[0].max",
                "'code: A1.2'|'code: A1.1'|parts[0].indicators[0].indicators[1].code",
                "'id: baiyun-2022'|'id: Baiyun 2022'|id",
                "'version: 1'|'version: one'|version",
                "'timeProgress: [\"0.25\", \"0.50\", \"0.75\", \"1.00\"]'|'timeProgress: [\"0.25\", \"0.50\", \"0.75\"]'|timeProgress",
                "'formula: {kind: BONUS_PENALTY, min: -5, max: 5}'|'formula: {kind: BONUS_PENALTY, min: -5}'|parts[1].indicators[6].formula.max",
                "'  - {grade: 差, min: 0}'|''|grades"
            })
    void malformedFilesAreRefusedNamingTheField(String original, String replacement, String field) {
        String yaml = baiyunYaml();
        assertThat(yaml).contains(original);
        String broken = yaml.replaceFirst(
                java.util.regex.Pattern.quote(original), java.util.regex.Matcher.quoteReplacement(replacement));
        assertThatThrownBy(() -> LOADER.load(broken.getBytes(StandardCharsets.UTF_8), "broken.yaml"))
                .isInstanceOf(InvalidRubricException.class)
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining(field + ":")
                .extracting(e -> ((InvalidRubricException) e).field())
                .isEqualTo(field);
    }

    @Test
    void controlRateWithoutAnOverLimitRuleIsRefused() {
        String yaml = baiyunYaml()
                .replaceFirst(
                        "kind: CONTROL_RATE\n              ratio: PUBLIC_EXPENSE_CONTROL\n              overLimit:\n                mode: STEP_DEDUCTION\n                step: \"0.05\"\n                deductionPerStep: \"0.5\"\n                assumption: \"[^\"]*\"",
                        "kind: CONTROL_RATE\n              ratio: PUBLIC_EXPENSE_CONTROL");
        assertThatThrownBy(() -> LOADER.load(yaml.getBytes(StandardCharsets.UTF_8), "x.yaml"))
                .hasMessageContaining("parts[0].indicators[4].indicators[0].formula.overLimit: missing");
    }

    @Test
    void notYamlIsRefused() {
        assertThatThrownBy(() -> LOADER.load("id: [unclosed".getBytes(StandardCharsets.UTF_8), "bad.yaml"))
                .isInstanceOf(InvalidRubricException.class)
                .hasMessageContaining("bad.yaml");
        assertThatThrownBy(() -> LOADER.load("- a list".getBytes(StandardCharsets.UTF_8), "bad.yaml"))
                .isInstanceOf(InvalidRubricException.class)
                .hasMessageContaining("mapping");
    }
}
