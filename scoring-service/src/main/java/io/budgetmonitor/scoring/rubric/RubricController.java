package io.budgetmonitor.scoring.rubric;

import io.budgetmonitor.scoring.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.List;

/** 评价方案: the rubrics this service can score with. */
@RestController
@RequestMapping("/api/v1/rubrics")
public class RubricController {

    /** A rubric as listed. */
    public record RubricSummary(String id, int version, LocalizedName name, BigDecimal maxPoints, List<String> assumptions) {
        static RubricSummary of(Rubric r) {
            return new RubricSummary(r.id(), r.version(), r.name(), r.maxPoints(), r.assumptions());
        }
    }

    private final RubricRegistry registry;

    public RubricController(RubricRegistry registry) {
        this.registry = registry;
    }

    @Operation(summary = "List the rubrics (id, version, name, max points)")
    @GetMapping
    public List<RubricSummary> list() {
        return registry.all().stream().map(RubricSummary::of).toList();
    }

    @Operation(summary = "One rubric with all its indicators and formulas; id or id@version")
    @GetMapping("/{reference}")
    public Rubric get(@PathVariable String reference) {
        return registry.find(reference).orElseThrow(() -> new NotFoundException("unknown rubric " + reference));
    }

    @Operation(summary = "Upload a rubric YAML file; a malformed one is refused (422) naming the bad field. Stored: every replica uses it, and it survives restarts.")
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @ResponseStatus(HttpStatus.CREATED)
    public RubricSummary upload(@RequestBody byte[] yaml) {
        return RubricSummary.of(registry.upload(yaml));
    }
}
