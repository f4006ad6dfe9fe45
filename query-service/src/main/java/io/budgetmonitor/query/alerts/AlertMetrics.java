package io.budgetmonitor.query.alerts;

import io.budgetmonitor.query.rules.Rule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code budget.alerts.open{rule}} gauges and {@code budget.alerts.transitions{rule,transition}} counters. */
@Component
class AlertMetrics {
    private final MeterRegistry registry;
    private final JdbcTemplate jdbc;
    private final Map<Rule, AtomicLong> open = new EnumMap<>(Rule.class);

    AlertMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        this.registry = registry;
        this.jdbc = jdbc;
        for (Rule rule : Rule.values()) {
            AtomicLong value = new AtomicLong();
            open.put(rule, value);
            Gauge.builder("budget.alerts.open", value, AtomicLong::get)
                    .tag("rule", rule.name())
                    .description("alerts not resolved, by rule")
                    .register(registry);
        }
    }

    void transition(AlertTransition t) {
        Counter.builder("budget.alerts.transitions")
                .tag("rule", t.rule().name())
                .tag("transition", t.transition().name())
                .register(registry)
                .increment();
    }

    void refreshOpen() {
        open.values().forEach(v -> v.set(0));
        jdbc.query("select rule, count(*) from alert where status <> 'RESOLVED' group by rule", rs -> {
            open.get(Rule.valueOf(rs.getString(1))).set(rs.getLong(2));
        });
    }
}
