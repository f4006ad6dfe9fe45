package io.budgetmonitor.scoring.evaluation;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** 绩效评价快照 endpoints. */
@RestController
@RequestMapping("/api/v1/evaluations")
public class EvaluationController {

    private final EvaluationService service;
    private final EvaluationRepository repository;

    public EvaluationController(EvaluationService service, EvaluationRepository repository) {
        this.service = service;
        this.repository = repository;
    }

    @Operation(summary = "Take an immutable evaluation snapshot of a department-year from its current inputs")
    @PostMapping
    public ResponseEntity<EvaluationSnapshot> evaluate(@Valid @RequestBody EvaluationRequest request) {
        EvaluationSnapshot snapshot = service.take(request.department().trim(), request.fiscalYear(), request.rubric());
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + snapshot.id())).body(snapshot);
    }

    @Operation(summary = "One snapshot")
    @GetMapping("/{id}")
    public EvaluationSnapshot get(@PathVariable UUID id) {
        return service.get(id);
    }

    @Operation(summary = "Snapshots, oldest first, optionally of one department and/or year")
    @GetMapping
    public List<EvaluationSnapshot> list(@RequestParam(required = false) String department,
                                         @RequestParam(required = false) Integer fiscalYear) {
        return repository.list(department, fiscalYear);
    }

    @Operation(summary = "What changed between two snapshots, per indicator, and why")
    @GetMapping("/{id}/diff/{other}")
    public SnapshotDiff diff(@PathVariable UUID id, @PathVariable UUID other) {
        return SnapshotDiff.between(service.get(id), service.get(other));
    }
}
