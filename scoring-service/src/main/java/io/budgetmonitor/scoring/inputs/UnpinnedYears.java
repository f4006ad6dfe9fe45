package io.budgetmonitor.scoring.inputs;

import io.budgetmonitor.scoring.rubric.RubricPin;
import io.budgetmonitor.scoring.rubric.RubricRegistry;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start, pins the years that were opened without a pin: those opened before pins were recorded,
 * and those whose rubric was unknown when they opened. Each gets the version it has been scored with
 * until now, the current one, so no upload from here on changes their score. Idempotent: a pinned
 * year is never touched again, and replicas starting together pin the same version.
 */
@Component
public class UnpinnedYears implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(UnpinnedYears.class);

    private final JdbcTemplate jdbc;
    private final RubricRegistry rubrics;

    UnpinnedYears(JdbcTemplate jdbc, RubricRegistry rubrics) {
        this.jdbc = jdbc;
        this.rubrics = rubrics;
    }

    @Override
    public void run(ApplicationArguments args) {
        pinAll();
    }

    public void pinAll() {
        for (String rubric : jdbc.queryForList(
                "SELECT DISTINCT rubric FROM department_year WHERE rubric IS NOT NULL AND rubric_version IS NULL",
                String.class)) {
            RubricPin pin = rubrics.pin(rubric, Instant.now()); // scored with the latest version until now
            if (pin.version() != null) {
                int years = jdbc.update(
                        "UPDATE department_year SET rubric = ?, rubric_version = ? WHERE rubric = ? AND rubric_version IS NULL",
                        pin.rubric(),
                        pin.version(),
                        rubric);
                log.info("pinned {} department-year(s) opened under {} to {}", years, rubric, pin.reference());
            }
        }
    }
}
