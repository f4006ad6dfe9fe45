package io.budgetmonitor.scoring.inputs;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The inputs' digest, to compare a live instance with one rebuilt from the log (the auditor's check). */
@RestController
public class InputsDigestController {
    private final InputsDigest digest;

    public InputsDigestController(InputsDigest digest) {
        this.digest = digest;
    }

    @Operation(summary = "SHA-256 of each scoring-inputs table's contents (canonical order, no generated ids)")
    @GetMapping("/api/v1/admin/digest")
    public Map<String, String> digest() {
        return digest.digest();
    }
}
