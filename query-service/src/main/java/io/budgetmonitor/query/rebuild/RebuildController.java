package io.budgetmonitor.query.rebuild;

import io.budgetmonitor.query.consumption.ConsumingReplica;
import io.budgetmonitor.query.execution.ReadModelStore;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RebuildController {
    private final RebuildService rebuild;
    private final ReadModelDigest digest;
    private final ConsumingReplica replica;
    private final AlertDigest alertDigest;

    public RebuildController(
            RebuildService rebuild, ReadModelDigest digest, ConsumingReplica replica, AlertDigest alertDigest) {
        this.rebuild = rebuild;
        this.digest = digest;
        this.replica = replica;
        this.alertDigest = alertDigest;
    }

    @Operation(summary = "Replay the event log into fresh read-model tables and swap them in")
    @PostMapping("/api/v1/admin/rebuild")
    public RebuildService.Result rebuild() {
        // the swap must not race the consumer, which only the consuming replica's lock excludes
        replica.requireConsuming("A rebuild");
        return rebuild.rebuild();
    }

    @Operation(summary = "SHA-256 of each read model's contents (canonical order)")
    @GetMapping("/api/v1/admin/digest")
    public Map<String, String> digest() {
        return digest.digest(ReadModelStore.LIVE);
    }

    @Operation(
            summary = "SHA-256 of the active alerts and the latest transition of each, as a rebuild from the log"
                    + " reproduces them (no ids, times or escalation path)")
    @GetMapping("/api/v1/admin/digest/alerts")
    public Map<String, String> alertDigest() {
        return alertDigest.digest();
    }
}
