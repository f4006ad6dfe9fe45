package io.budgetmonitor.scoring.evaluation;

import io.budgetmonitor.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

    @Operation(
            summary = "Take an immutable evaluation snapshot of a department-year from its current inputs (EVALUATOR), "
                    + "with the rubric version the year was opened with, or the one asked for as \"rubric\": \"id@version\"; "
                    + "takenBy is the caller")
    @PostMapping
    public ResponseEntity<EvaluationSnapshot> evaluate(@Valid @RequestBody EvaluationRequest request, Caller caller) {
        String department = request.department().trim();
        caller.requireScope(department);
        EvaluationSnapshot snapshot = service.take(department, request.fiscalYear(), request.rubric(), caller.name());
        return ResponseEntity.created(URI.create("/api/v1/evaluations/" + snapshot.id()))
                .body(snapshot);
    }

    @Operation(summary = "One snapshot (404 for one of a department outside the caller's scope)")
    @GetMapping("/{id}")
    public EvaluationSnapshot get(@PathVariable UUID id, Caller caller) {
        return service.get(id, caller.scope());
    }

    @Operation(
            summary = "Snapshots of the caller's departments, oldest first, optionally of one department and/or year")
    @GetMapping
    public List<EvaluationSnapshot> list(
            @RequestParam(required = false) String department,
            @RequestParam(required = false) Integer fiscalYear,
            Caller caller) {
        if (department != null) {
            caller.requireScope(department); // asking about a department outside the scope: 404, as for a path
        }
        return repository.list(department, fiscalYear, caller.scope().restriction());
    }

    @Operation(summary = "What changed between two snapshots, per indicator, and why")
    @GetMapping("/{id}/diff/{other}")
    public SnapshotDiff diff(@PathVariable UUID id, @PathVariable UUID other, Caller caller) {
        return SnapshotDiff.between(service.get(id, caller.scope()), service.get(other, caller.scope()));
    }
}
