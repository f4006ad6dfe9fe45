package io.budgetmonitor.scoring.consumption;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Read-your-writes: a client that wrote at position p waits until this reports ≥ p. */
@RestController
public class PositionController {

    private final ConsumerPositionRepository position;

    public PositionController(ConsumerPositionRepository position) {
        this.position = position;
    }

    @Operation(
            summary =
                    "The log position every event at or below which is applied to the indicator inputs (smallest log watermark over all partitions)")
    @GetMapping("/api/v1/position")
    public Map<String, Long> position() {
        return Map.of("position", position.position());
    }
}
