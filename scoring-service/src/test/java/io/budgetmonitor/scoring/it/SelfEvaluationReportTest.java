package io.budgetmonitor.scoring.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.budgetmonitor.scoring.report.ReportController;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * 自评报告 as a document (issue 14, part 6) on the running service: the demo year of 石井街道 goes through
 * Kafka, is scored 90.25, and its report is read back as a Word document with the seed's four parts,
 * its 收支 figures in 万元 and the indicator table; 三 and 四 are drafted from the findings and, once an
 * evaluator edits them, every format prints the edit.
 */
class SelfEvaluationReportTest extends RunningScoringService {

    /** Not BY-SJ: the security tests put a small year there in the same database. */
    static final String SHIJING = "RPT-SJ";

    static final MediaType DOCX = MediaType.parseMediaType(ReportController.DOCX_VALUE);

    private static String evaluationId;

    @LocalServerPort
    int port;

    /** The demo year applied and evaluated once for the class. */
    private String shijing() {
        if (evaluationId == null) {
            publishAll(ShijingScenario.events(SHIJING));
            waitForPosition(EVENTS.lastPosition());
            JsonNode snapshot = evaluate(as("evaluator"), SHIJING, null);
            assertThat(snapshot.get("total").decimalValue()).isEqualByComparingTo("90.25");
            evaluationId = snapshot.get("id").asText();
        }
        return evaluationId;
    }

    @Test
    void theWordDocumentHoldsTheFourPartsTheTotalAndTheSeedsFiguresInWanyuan() throws Exception {
        byte[] bytes = docx(as("viewer"), shijing());
        // kept for a look with LibreOffice (docs/images/self-evaluation-report-page1.png is made from it)
        Files.createDirectories(Path.of("target/reports"));
        Files.write(Path.of("target/reports/self-evaluation-report.docx"), bytes);

        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes));
                XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
            List<String> paragraphs =
                    document.getParagraphs().stream().map(p -> p.getText()).toList();
            assertThat(paragraphs)
                    .contains("广州市白云区人民政府石井街道办事处2021年度部门整体支出绩效自评报告", "一、基本情况", "二、综合评价分析", "三、存在的主要问题", "四、下一步改进措施");
            // the seed's own sentence, figures in 万元 with two decimals
            assertThat(extractor.getText())
                    .contains("2021年全年预算数16,061.02万元，全年执行数15,042.65万元，预算完成率为93.66%")
                    .contains("整体支出绩效自评得分90.25分，评价等级为“优”")
                    // RUBRIC.md: basic expenditure 86.4%
                    .contains("其中基本支出")
                    .contains("执行率86.40%");

            XWPFTable execution = table(document, "全年预算数");
            assertThat(cells(row(execution, "合计"))).containsExactly("合计", "16,061.02", "15,042.65", "93.66%");
            assertThat(cells(row(execution, "一般公共预算"))).containsExactly("一般公共预算", "7,200.00", "6,876.00", "95.50%");
            assertThat(cells(row(execution, "基本支出")).get(3)).isEqualTo("86.40%");
            assertThat(row(execution, "项目支出")).isNotNull();

            XWPFTable indicators = table(document, "满分");
            assertThat(cells(row(indicators, "合计"))).containsExactly("合计", "100", "90.25");
            assertThat(cells(row(indicators, "A 管理效能"))).containsExactly("A 管理效能", "45", "42.25");
            assertThat(cells(row(indicators, "B 履职效能"))).containsExactly("B 履职效能", "55", "48");
            assertThat(cells(row(indicators, "A1.1 预算完成率"))).containsExactly("A1.1 预算完成率", "2", "1.87");
            assertThat(cells(row(indicators, "评价等级")).get(2)).isEqualTo("优");
        }
    }

    @Test
    void theDraftOfPartThreeNamesTheIndicatorsThatLostPoints() {
        shijing();
        // a snapshot of its own: another test edits the first one's narrative
        String id = evaluate(as("evaluator"), SHIJING, null).get("id").asText();
        JsonNode narrative =
                read(as("auditor").getForObject("/api/v1/evaluations/" + id + "/report/narrative", String.class));
        assertThat(narrative.get("version").asInt()).isZero();
        assertThat(narrative.get("drafted").asBoolean()).isTrue();
        String problems = narrative.get("problems").asText();

        JsonNode snapshot = read(as("auditor").getForObject("/api/v1/evaluations/" + id, String.class));
        List<String> lost = new ArrayList<>();
        for (JsonNode indicator : snapshot.get("indicators")) {
            boolean leaf = true;
            for (JsonNode other : snapshot.get("indicators")) {
                leaf &= !indicator
                        .get("code")
                        .asText()
                        .equals(other.get("parent").asText());
            }
            if (leaf
                    && !indicator.get("code").asText().startsWith("B")
                    && indicator
                                    .get("points")
                                    .decimalValue()
                                    .compareTo(indicator.get("max").decimalValue())
                            < 0) {
                lost.add(indicator.get("name").asText());
            }
        }
        // the seed's A1.1, A1.4, A1.5, A6.1, A6.4, A6.5, A6.6
        assertThat(lost).hasSize(7);
        lost.forEach(name -> assertThat(problems).contains(name));
        assertThat(problems)
                .startsWith("（一）预算完成率为93.66%，未得满分（满分2分，得分1.87分，失0.13分）。")
                .contains("未在规定时间内及时报送相关部门整体支出绩效自评材料")
                .contains("绩效指标“扶贫资金到位率”")
                .contains("失2分")
                .contains("完成率746.67%，指标值设置过于保守");
        assertThat(narrative.get("measures").asText())
                .contains("提高预算编制合理性与准确性")
                .contains("“扶贫资金到位率”")
                .contains("提升绩效管理业务工作水平");

        // and the report prints the draft until someone edits it
        assertThat(as("viewer").getForObject("/api/v1/evaluations/" + id + "/report", String.class))
                .contains("## 三、存在的主要问题\n\n（一）预算完成率为93.66%")
                .contains("根据评价结果起草，未经修改");
    }

    @Test
    void anEditedNarrativeIsPrintedByEveryFormatAndKeepsItsVersions() throws Exception {
        String id = shijing();
        JsonNode before = read(as("auditor").getForObject("/api/v1/evaluations/" + id, String.class));
        String problems = "（一）预算执行率仍有提升空间。\n年度预算执行率为93.66%，其中基本支出仅为86.4%。\n# 不是标题";
        String measures = "（一）提高预算编制合理性与准确性。\n合理测算所需财政资金。";

        ResponseEntity<String> first = put(as("evaluator"), id, Map.of("problems", "初稿", "measures", "初稿"));
        ResponseEntity<String> second =
                put(as("admin"), id, Map.of("problems", problems + "  \n", "measures", measures));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode edited = read(second.getBody());
        assertThat(edited.get("version").asInt())
                .isEqualTo(read(first.getBody()).get("version").asInt() + 1);
        assertThat(edited.get("editedBy").asText()).isEqualTo("admin");
        assertThat(edited.get("problems").asText()).isEqualTo(problems);
        assertThat(read(as("viewer").getForObject("/api/v1/evaluations/" + id + "/report/narrative", String.class)))
                .isEqualTo(edited);

        String markdown = as("viewer").getForObject("/api/v1/evaluations/" + id + "/report", String.class);
        assertThat(markdown)
                .contains("## 三、存在的主要问题\n\n（一）预算执行率仍有提升空间。\n\n年度预算执行率为93.66%")
                .contains("\\# 不是标题")
                .contains("## 四、下一步改进措施\n\n（一）提高预算编制合理性与准确性。")
                .contains("由admin于")
                .doesNotContain("预算完成率为93.66%，未得满分");
        HttpHeaders html = new HttpHeaders();
        html.setAccept(List.of(MediaType.TEXT_HTML));
        assertThat(as("viewer")
                        .exchange(
                                "/api/v1/evaluations/" + id + "/report",
                                HttpMethod.GET,
                                new HttpEntity<>(html),
                                String.class)
                        .getBody())
                .contains("<p>（一）预算执行率仍有提升空间。</p>")
                .contains("<p># 不是标题</p>");
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(docx(as("viewer"), id)))) {
            List<String> paragraphs =
                    document.getParagraphs().stream().map(p -> p.getText()).toList();
            int three = paragraphs.indexOf("三、存在的主要问题");
            int four = paragraphs.indexOf("四、下一步改进措施");
            assertThat(paragraphs.subList(three + 1, four))
                    .containsExactly("（一）预算执行率仍有提升空间。", "年度预算执行率为93.66%，其中基本支出仅为86.4%。", "# 不是标题");
            assertThat(paragraphs.get(four + 1)).isEqualTo("（一）提高预算编制合理性与准确性。");
        }

        // the snapshot is untouched; every version is kept with who made it
        assertThat(read(as("auditor").getForObject("/api/v1/evaluations/" + id, String.class)))
                .isEqualTo(before);
        assertThat(count("SELECT count(*) FROM report_narrative WHERE evaluation_id = ?::uuid", id))
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "SELECT edited_by FROM report_narrative WHERE evaluation_id = ?::uuid AND version = ?",
                        String.class,
                        id,
                        edited.get("version").asInt()))
                .isEqualTo("admin");
    }

    @Test
    void onlyAnEvaluatorInScopeEditsAndOnlyPlainBoundedText() {
        String id = shijing();
        Map<String, Object> body = Map.of("problems", "问题", "measures", "措施");
        assertThat(put(as("viewer"), id, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(put(as("budget-office"), id, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(put(as("auditor"), id, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(put(anonymous, id, body).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // an evaluator of another department: the evaluation does not exist for it
        TestRestTemplate elsewhere = new TestRestTemplate(new RestTemplateBuilder()
                .rootUri("http://localhost:" + port)
                .defaultHeader(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + TOKENS.token("wang.wu", List.of("EVALUATOR"), List.of("BY-SJ"))));
        ResponseEntity<String> outOfScope = put(elsewhere, id, body);
        assertThat(outOfScope.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(read(outOfScope.getBody()).get("detail").asText()).isEqualTo("no evaluation " + id);

        for (Map<String, Object> invalid : List.<Map<String, Object>>of(
                Map.of("problems", "问".repeat(10_001), "measures", "措施"),
                Map.of("problems", "问题\u0007", "measures", "措施"),
                Map.of("problems", "问题", "measures", "措施\r\n第二行"),
                Map.of("problems", "问题"),
                Map.of("problems", "", "measures", "措施"))) {
            ResponseEntity<String> refused = put(as("evaluator"), id, invalid);
            assertThat(refused.getStatusCode())
                    .as(invalid.toString()
                            .substring(0, Math.min(60, invalid.toString().length())))
                    .isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        }
        assertThat(put(as("evaluator"), id, Map.of("problems", "问".repeat(10_000), "measures", "第一行\n第二行"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    // ---- helpers

    private byte[] docx(TestRestTemplate user, String id) {
        HttpHeaders accept = new HttpHeaders();
        accept.setAccept(List.of(DOCX));
        ResponseEntity<byte[]> response = user.exchange(
                "/api/v1/evaluations/" + id + "/report", HttpMethod.GET, new HttpEntity<>(accept), byte[].class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(DOCX))
                .isTrue();
        assertThat(response.getHeaders().getContentDisposition().getFilename()).endsWith(".docx");
        return response.getBody();
    }

    private ResponseEntity<String> put(TestRestTemplate user, String id, Map<String, Object> body) {
        return user.exchange(
                "/api/v1/evaluations/" + id + "/report/narrative",
                HttpMethod.PUT,
                new HttpEntity<>(body, jsonHeaders()),
                String.class);
    }

    private static XWPFTable table(XWPFDocument document, String headerCell) {
        return document.getTables().stream()
                .filter(t -> cells(t.getRow(0)).contains(headerCell))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no table with a column " + headerCell));
    }

    private static XWPFTableRow row(XWPFTable table, String first) {
        return table.getRows().stream()
                .filter(r -> r.getCell(0).getText().strip().equals(first))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first));
    }

    private static List<String> cells(XWPFTableRow row) {
        return row.getTableCells().stream().map(c -> c.getText().strip()).toList();
    }
}
