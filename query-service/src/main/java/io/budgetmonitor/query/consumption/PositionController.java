package io.budgetmonitor.query.consumption;

import io.budgetmonitor.consumer.ExactlyOnceConsumer;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PositionController {
    private final ExactlyOnceConsumer<?> consumer;

    PositionController(ExactlyOnceConsumer<?> consumer) {
        this.consumer = consumer;
    }

    @Operation(
            summary = "Log position every event at or below which is applied (the smallest log watermark over all "
                    + "partitions); read-your-writes clients wait until it reaches the position a command returned")
    @GetMapping("/api/v1/position")
    public Map<String, Long> position() {
        return Map.of("position", consumer.store().position(consumer.topic()));
    }
}
