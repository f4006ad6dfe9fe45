package io.budgetmonitor.scoring.report;

import io.budgetmonitor.scoring.evaluation.EvaluationService;
import io.budgetmonitor.scoring.evaluation.EvaluationSnapshot;
import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * 自评报告 of a snapshot by content negotiation — Markdown, HTML or a Word document — and its narrative
 * (三、存在的主要问题, 四、下一步改进措施), which an evaluator may edit before export.
 */
@RestController
public class ReportController {

    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);
    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);
    public static final String DOCX_VALUE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final MediaType DOCX = MediaType.parseMediaType(DOCX_VALUE);

    private final EvaluationService evaluations;
    private final Narratives narratives;
    private final ReportRenderer renderer = new ReportRenderer();
    private final MarkdownHtml html = new MarkdownHtml();
    private final DocxReport docx = new DocxReport();

    public ReportController(EvaluationService evaluations, Narratives narratives) {
        this.evaluations = evaluations;
        this.narratives = narratives;
    }

    @Operation(summary = "The self-evaluation report (一 基本情况 … 四 下一步改进措施) of a snapshot, Chinese Markdown")
    @GetMapping(
            value = "/api/v1/evaluations/{id}/report",
            produces = {"text/markdown", MediaType.TEXT_PLAIN_VALUE, MediaType.ALL_VALUE})
    public ResponseEntity<String> markdown(@PathVariable UUID id, Caller caller) {
        return ResponseEntity.ok().contentType(MARKDOWN).body(markdown(evaluations.get(id, caller.scope())));
    }

    @Operation(summary = "The same report as HTML")
    @GetMapping(value = "/api/v1/evaluations/{id}/report", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> html(@PathVariable UUID id, Caller caller) {
        EvaluationSnapshot snapshot = evaluations.get(id, caller.scope());
        return ResponseEntity.ok()
                .contentType(HTML)
                .body(html.render(markdown(snapshot), ReportRenderer.title(snapshot)));
    }

    @Operation(summary = "The same report as a Word document (.docx), to file")
    @GetMapping(value = "/api/v1/evaluations/{id}/report", produces = DOCX_VALUE)
    public ResponseEntity<byte[]> docx(@PathVariable UUID id, Caller caller) {
        EvaluationSnapshot snapshot = evaluations.get(id, caller.scope());
        String filename = snapshot.department() + "-" + snapshot.fiscalYear() + "年度部门整体支出绩效自评报告.docx";
        return ResponseEntity.ok()
                .contentType(DOCX)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(filename, StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(docx.write(markdown(snapshot)));
    }

    @Operation(
            summary = "三、存在的主要问题 and 四、下一步改进措施 as every format of the report prints them: "
                    + "the latest edit, or (version 0) the draft from the findings")
    @GetMapping("/api/v1/evaluations/{id}/report/narrative")
    public Narrative narrative(@PathVariable UUID id, Caller caller) {
        return narratives.current(evaluations.get(id, caller.scope()));
    }

    @Operation(
            summary =
                    "Edit 三 and 四 before export (EVALUATOR): a new version, by the caller; the snapshot is not changed")
    @PutMapping("/api/v1/evaluations/{id}/report/narrative")
    public Narrative edit(@PathVariable UUID id, @Valid @RequestBody NarrativeRequest request, Caller caller) {
        // an evaluation outside the caller's scope is 404, as for reading it
        return narratives.edit(evaluations.get(id, caller.scope()), request, caller.name());
    }

    private String markdown(EvaluationSnapshot snapshot) {
        return renderer.markdown(snapshot, narratives.current(snapshot));
    }
}
