package io.budgetmonitor.scoring.rubric;

import io.budgetmonitor.scoring.web.NotFoundException;
import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** 评价方案: the rubrics this service can score with. */
@RestController
@RequestMapping("/api/v1/rubrics")
public class RubricController {

    /**
     * A rubric as listed; {@code uploadedBy} and {@code uploadedAt} say who uploaded it and when (null for
     * the rubric files the service was started with).
     */
    public record RubricSummary(
            String id,
            int version,
            LocalizedName name,
            BigDecimal maxPoints,
            List<String> assumptions,
            String uploadedBy,
            Instant uploadedAt) {}

    private final RubricRegistry registry;
    private final UploadedRubrics uploads;

    public RubricController(RubricRegistry registry, UploadedRubrics uploads) {
        this.registry = registry;
        this.uploads = uploads;
    }

    @Operation(summary = "List the rubrics (id, version, name, max points, who uploaded it and when)")
    @GetMapping
    public List<RubricSummary> list() {
        return registry.all().stream().map(this::summary).toList();
    }

    @Operation(summary = "One rubric with all its indicators and formulas; id or id@version")
    @GetMapping("/{reference}")
    public Rubric get(@PathVariable String reference) {
        return registry.find(reference).orElseThrow(() -> new NotFoundException("unknown rubric " + reference));
    }

    @Operation(
            summary =
                    "Upload a rubric YAML file (ADMIN); a malformed one is refused (422) naming the bad field. Stored: every replica uses it, and it survives restarts. A new version applies to years opened from now on, and to others only when an evaluation asks for it.")
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @ResponseStatus(HttpStatus.CREATED)
    public RubricSummary upload(@RequestBody byte[] yaml, Caller caller) {
        return summary(registry.upload(yaml, caller.name()));
    }

    private RubricSummary summary(Rubric r) {
        // a rubric file wins over an upload of the same id and version: only an uploaded one has an uploader
        Optional<UploadedRubrics.Provenance> provenance = RubricRegistry.UPLOAD_SOURCE.equals(r.source())
                ? uploads.provenanceOf(r.id(), r.version())
                : Optional.empty();
        return new RubricSummary(
                r.id(),
                r.version(),
                r.name(),
                r.maxPoints(),
                r.assumptions(),
                provenance.map(UploadedRubrics.Provenance::uploadedBy).orElse(null),
                provenance.map(UploadedRubrics.Provenance::uploadedAt).orElse(null));
    }
}
