package io.budgetmonitor.query.consumption;

import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PositionController {
    private final StreamBookkeeping books;

    PositionController(StreamBookkeeping books) {
        this.books = books;
    }

    @Operation(summary = "Highest event-log position applied; read-your-writes clients wait until it reaches theirs")
    @GetMapping("/api/v1/position")
    public Map<String, Long> position() {
        return Map.of("position", books.position());
    }
}
