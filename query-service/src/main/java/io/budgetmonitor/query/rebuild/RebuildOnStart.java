package io.budgetmonitor.query.rebuild;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The CLI entry: {@code java -jar query-service.jar --rebuild} rebuilds, prints the digest and exits. */
@Component
@ConditionalOnProperty(name = "budget.rebuild.on-start", havingValue = "true")
class RebuildOnStart implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(RebuildOnStart.class);
    private final RebuildService rebuild;

    RebuildOnStart(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    @Override
    public void run(ApplicationArguments args) {
        RebuildService.Result result = rebuild.rebuild();
        log.info("rebuild: {} events, {} department-years, {} ms, digest {}", result.events(), result.departmentYears(),
                result.millis(), result.digest());
    }
}
