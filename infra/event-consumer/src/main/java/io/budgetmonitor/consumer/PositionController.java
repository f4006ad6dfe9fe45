package io.budgetmonitor.consumer;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-your-writes (读己之写): a client that wrote at position p (the position a command returned) waits until
 * this reader reports ≥ p, with any number of partitions (see {@link ReaderPosition}).
 */
@RestController
class PositionController {

    static final String PATH = "/api/v1/position";

    private final ReaderPosition position;

    PositionController(ReaderPosition position) {
        this.position = position;
    }

    @GetMapping(PATH)
    Map<String, Long> position() {
        return Map.of("position", position.current());
    }
}
