package io.budgetmonitor.scoring.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.scoring.evaluation.EvaluationResult;
import io.budgetmonitor.scoring.evaluation.EvaluationSnapshot;
import io.budgetmonitor.scoring.evaluation.ExecutionSummary;
import io.budgetmonitor.scoring.evaluation.ScoringEngine;
import io.budgetmonitor.scoring.evaluation.ShijingInputs;
import io.budgetmonitor.scoring.inputs.IndicatorInputs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/** The report of the seed's year from hand-built inputs, without infrastructure: 万元, the draft, the four parts. */
class ReportRendererTest {

    private static EvaluationSnapshot snapshot(boolean withExecution) {
        IndicatorInputs inputs = ShijingInputs.inputs();
        EvaluationResult result = new ScoringEngine().evaluate(ShijingInputs.baiyun(), inputs);
        return EvaluationSnapshot.of(
                UUID.randomUUID(),
                "BY-SJ",
                2021,
                "石井街道",
                "白云区评价指标体系",
                42L,
                Instant.parse("2022-03-01T00:00:00Z"),
                "evaluator",
                result,
                List.of(),
                withExecution ? ExecutionSummary.of(inputs) : null);
    }

    @Test
    void wanyuanAreYuanOverTenThousandHalfUpWithTwoDecimals() {
        assertThat(Wanyuan.format(Money.of("160610200.00"))).isEqualTo("16,061.02");
        assertThat(Wanyuan.format(Money.of("150426500.00"))).isEqualTo("15,042.65");
        assertThat(Wanyuan.format(Money.of("49.99"))).isEqualTo("0.00");
        assertThat(Wanyuan.format(Money.of("50.00"))).isEqualTo("0.01");
        assertThat(Wanyuan.format(Money.of("-12345.00"))).isEqualTo("-1.23");
        assertThat(Wanyuan.format(Money.ZERO)).isEqualTo("0.00");
    }

    @Test
    void theReportHasTheSeedsFourPartsAndItsFigures() {
        String md = new ReportRenderer().markdown(snapshot(true), Narratives.draft(snapshot(true), List.of()));
        assertThat(md)
                .contains("## 一、基本情况", "## 二、综合评价分析", "## 三、存在的主要问题", "## 四、下一步改进措施")
                .contains("2021年全年预算数16,061.02万元，全年执行数15,042.65万元，预算完成率为93.66%")
                .contains("| 合计 | 16,061.02 | 15,042.65 | 93.66% |")
                .contains("| **合计** | 100 | 90.25 |")
                .contains("（一）预算完成率为93.66%，未得满分（满分2分，得分1.87分，失0.13分）。");
    }

    @Test
    void aSnapshotTakenBeforeTheSummaryStillStatesItsTotals() {
        String md = new ReportRenderer().markdown(snapshot(false), Narratives.draft(snapshot(false), List.of()));
        assertThat(md).contains("| 合计 | 16,061.02 | 15,042.65 | 93.66% |").doesNotContain("按资金来源");
    }

    @Test
    void aYearWithoutLostPointsIsDraftedAsSuch() {
        EvaluationSnapshot full = snapshot(true);
        EvaluationSnapshot perfect = new EvaluationSnapshot(
                full.id(),
                full.department(),
                full.fiscalYear(),
                full.departmentName(),
                full.rubric(),
                full.rubricName(),
                full.position(),
                full.createdAt(),
                full.takenBy(),
                full.total(),
                full.max(),
                full.grade(),
                full.parts(),
                List.of(),
                List.of(),
                List.of(),
                full.execution());
        assertThat(NarrativeDraft.problems(perfect, List.of())).isEqualTo("各项评价指标均得满分，未发现扣分事项。");
        assertThat(NarrativeDraft.measures(perfect, List.of())).startsWith("（一）继续保持");
    }

    @Test
    void theDocumentParsesBackWithItsTablesAndEscapedLinesStayText() throws IOException {
        EvaluationSnapshot s = snapshot(true);
        Narrative edited = new Narrative(s.id(), "| 不是表格\n- 不是列表", "措施", 1, "evaluator", Instant.now());
        byte[] bytes = new DocxReport().write(new ReportRenderer().markdown(s, edited));
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            assertThat(document.getTables()).hasSize(2);
            assertThat(document.getParagraphs().stream().map(p -> p.getText()).toList())
                    .contains("| 不是表格", "- 不是列表", "四、下一步改进措施");
            assertThat(document.getParagraphs()
                            .get(0)
                            .getRuns()
                            .get(0)
                            .getCTR()
                            .getRPr()
                            .getRFontsArray(0)
                            .getEastAsia())
                    .isEqualTo("宋体");
        }
    }
}
