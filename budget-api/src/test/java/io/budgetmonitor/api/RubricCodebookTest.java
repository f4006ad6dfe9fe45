package io.budgetmonitor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.budgetmonitor.api.rubric.RubricCodebook;
import io.budgetmonitor.api.values.TimeProgressCurve;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The codebooks of the shipped rubric files: what a year opened under each may record. */
class RubricCodebookTest {

    static RubricCodebook shipped(String id) throws IOException {
        try (InputStream in = RubricCodebookTest.class.getResourceAsStream("/rubrics/" + id + ".yaml")) {
            return RubricCodebook.read(in.readAllBytes(), id + ".yaml");
        }
    }

    @Test
    void baiyun2022() throws IOException {
        RubricCodebook baiyun = shipped("baiyun-2022");
        assertThat(baiyun.rubric()).isEqualTo("baiyun-2022");
        assertThat(baiyun.version()).isEqualTo(1);
        assertThat(baiyun.sortedTasks()).containsExactly("B1", "B2", "B3", "B4", "B5", "B6");
        assertThat(baiyun.sortedQualitative())
                .containsExactly(
                        "A1.2", "A1.3", "A1.7", "A3.1", "A3.2", "A4.1", "A4.2", "A6.1", "A6.2", "A6.3", "A6.5", "A6.6");
        assertThat(baiyun.qualitative().get("A6.5")).isEqualByComparingTo("4");
        assertThat(baiyun.bonusPenalty()).hasValueSatisfying(b -> {
            assertThat(b.min()).isEqualByComparingTo("-5");
            assertThat(b.max()).isEqualByComparingTo("5");
        });
        // the original list form reads as quarter targets
        assertThat(baiyun.timeProgress().shape()).isEqualTo(TimeProgressCurve.Shape.QUARTER_TARGETS);
        assertThat(baiyun.timeProgress().quarterTargets())
                .extracting(Object::toString)
                .containsExactly("0.25", "0.50", "0.75", "1.00");
    }

    @Test
    void mofDepartmentFramework() throws IOException {
        RubricCodebook mof = shipped("mof-dept-2020");
        assertThat(mof.sortedTasks()).containsExactly("E1", "E2", "O1", "O2", "O3", "O4");
        assertThat(mof.sortedQualitative()).containsExactly("D1.1", "D1.2", "D2.1", "D2.2", "P1.4", "P2.1", "P2.2");
        assertThat(mof.bonusPenalty()).isEmpty();
        assertThat(mof.timeProgress()).isEqualTo(TimeProgressCurve.STRAIGHT_LINE);
    }

    @Test
    void theCurveMayBeGivenAsAMapping() {
        String yaml = "id: x\nversion: 2\ntimeProgress: {curve: monthly-targets, targets: "
                + "[\"0.05\",\"0.12\",\"0.20\",\"0.28\",\"0.36\",\"0.45\",\"0.54\",\"0.62\",\"0.70\",\"0.80\",\"0.90\",\"1.00\"]}\n"
                + "parts: []\n";
        RubricCodebook codebook = RubricCodebook.read(yaml.getBytes(StandardCharsets.UTF_8), "x.yaml");
        assertThat(codebook.timeProgress().shape()).isEqualTo(TimeProgressCurve.Shape.MONTHLY_TARGETS);
        assertThat(codebook.tasks()).isEmpty();
        assertThatThrownBy(() -> RubricCodebook.read(
                        "id: x\nversion: 1\ntimeProgress: {curve: QUARTER_TARGETS, targets: [\"0.5\"]}\n"
                                .getBytes(StandardCharsets.UTF_8),
                        "x.yaml"))
                .hasMessageContaining("timeProgress: QUARTER_TARGETS needs 4 cumulative targets, had 1");
    }
}
