package io.budgetmonitor.scoring.report;

import io.budgetmonitor.scoring.evaluation.EvaluationService;
import io.budgetmonitor.scoring.evaluation.EvaluationSnapshot;
import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** 自评报告: the 综合评价分析 section of a snapshot, as Markdown or (Accept: text/html) HTML. */
@RestController
public class ReportController {

    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);
    static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

    private final EvaluationService evaluations;
    private final ReportRenderer renderer = new ReportRenderer();
    private final MarkdownHtml html = new MarkdownHtml();

    public ReportController(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @Operation(summary = "The self-evaluation report (综合评价分析) of a snapshot, Chinese Markdown")
    @GetMapping(value = "/api/v1/evaluations/{id}/report", produces = {"text/markdown", MediaType.TEXT_PLAIN_VALUE, MediaType.ALL_VALUE})
    public ResponseEntity<String> markdown(@PathVariable UUID id, Caller caller) {
        return ResponseEntity.ok().contentType(MARKDOWN).body(renderer.markdown(evaluations.get(id, caller.scope())));
    }

    @Operation(summary = "The same report as HTML")
    @GetMapping(value = "/api/v1/evaluations/{id}/report", produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> html(@PathVariable UUID id, Caller caller) {
        EvaluationSnapshot snapshot = evaluations.get(id, caller.scope());
        String title = (snapshot.departmentName() == null ? snapshot.department() : snapshot.departmentName())
                + snapshot.fiscalYear() + "年度部门整体支出绩效自评";
        return ResponseEntity.ok().contentType(HTML).body(html.render(renderer.markdown(snapshot), title));
    }
}
