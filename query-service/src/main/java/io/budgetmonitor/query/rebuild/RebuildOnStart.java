package io.budgetmonitor.query.rebuild;

import io.budgetmonitor.query.consumption.ConsumingReplica;
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
    private final ConsumingReplica replica;

    RebuildOnStart(RebuildService rebuild, ConsumingReplica replica) {
        this.rebuild = rebuild;
        this.replica = replica;
    }

    @Override
    public void run(ApplicationArguments args) {
        // the schema swap must not race a replica applying events to the tables it replaces
        replica.holdExclusively("query-service --rebuild");
        RebuildService.Result result = rebuild.rebuild();
        log.info(
                "rebuild: {} events, {} department-years, {} ms, digest {}",
                result.events(),
                result.departmentYears(),
                result.millis(),
                result.digest());
    }
}
