package io.budgetmonitor.query.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budgetmonitor.api.events.BudgetAllocated;
import io.budgetmonitor.api.events.DisbursementRecorded;
import io.budgetmonitor.api.events.DisbursementRejected;
import io.budgetmonitor.api.events.FiscalYearOpened;
import io.budgetmonitor.api.values.ExpenditureType;
import io.budgetmonitor.api.values.FundSource;
import io.budgetmonitor.api.values.Money;
import io.budgetmonitor.api.values.ThreePublicCategory;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.api.wire.Topics;
import io.budgetmonitor.consumer.ConsumerStore;
import io.budgetmonitor.query.monitoring.MonitoringService;
import io.budgetmonitor.query.support.Http;
import io.budgetmonitor.query.support.IntegrationTest;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monitor judges a batch on a thread of its own, after the consumer's commit; the position the reader
 * reports ({@code /api/v1/position}, the read-your-writes barrier clients wait on) still never claims an event
 * whose alert evaluation has not committed, and an evaluation a stop cut off is made afterwards, once.
 */
class AlertPositionTest extends IntegrationTest {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private ConsumerStore bookkeeping;

    @Autowired
    private MonitoringService monitoring;

    /** A line of 1,000.00 and a refused payment of 1,500.00 on it: an OVERSPEND_ATTEMPT alert. */
    private static List<RecordedEvent> refusal(ScenarioEvents s, String dept) {
        return List.of(
                s.record(new FiscalYearOpened(dept, 2021, dept, "baiyun-2022", List.of(), LocalDate.of(2021, 1, 1))),
                s.record(new BudgetAllocated(
                        dept,
                        2021,
                        "L1",
                        "line L1",
                        FundSource.GENERAL_PUBLIC_BUDGET,
                        ExpenditureType.PROJECT,
                        ThreePublicCategory.NONE,
                        true,
                        Money.of("1000.00"),
                        LocalDate.of(2021, 1, 1))),
                s.record(new DisbursementRejected(
                        dept,
                        2021,
                        "L1",
                        "V1",
                        Money.of("1500.00"),
                        Money.of("1000.00"),
                        "payee",
                        "purpose",
                        false,
                        "exceeds available",
                        LocalDate.of(2021, 3, 1))));
    }

    private long reportedPosition() {
        Http.Response r = Http.get(baseUrl() + "/api/v1/position");
        assertThat(r.status()).isEqualTo(200);
        return r.body().get("position").asLong();
    }

    private void awaitInLog(List<RecordedEvent> events) {
        String[] ids = events.stream().map(RecordedEvent::eventId).toArray(String[]::new);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from event_log where event_id = any (?)", Integer.class, (Object) ids)
                        == ids.length);
    }

    private int overspendTransitions(String dept) {
        return jdbc.queryForObject(
                "select count(*) from alert_transition where department = ? and rule = 'OVERSPEND_ATTEMPT'",
                Integer.class,
                dept);
    }

    private int due(String dept) {
        return jdbc.queryForObject("select count(*) from evaluation_due where department = ?", Integer.class, dept);
    }

    @Test
    void thePositionClaimsARefusalOnlyOnceItsAlertIsCommitted() throws Exception {
        String dept = "POS-HOLD";
        List<RecordedEvent> events = refusal(scenario(), dept);
        long refused = events.get(events.size() - 1).position();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                // the evaluation's reconcile reads the alerts, so it waits here with its judgement made; the
                // consumer's transactions do not touch the table and go on
                lock.execute("lock table alert in access exclusive mode");
            }
            publish(events);
            awaitInLog(events);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> bookkeeping.position(Topics.BUDGET_EVENTS) >= refused);

            // the events and their watermarks are committed: the bookkeeping alone would claim the refusal
            assertThat(due(dept)).as("the batch is due for evaluation").isPositive();
            assertThat(overspendTransitions(dept)).isZero();
            assertThat(reportedPosition())
                    .as("the reported position stays below the first event whose evaluation has not committed")
                    .isLessThan(events.get(0).position());
            holder.rollback();
        }
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> reportedPosition() >= refused);
        assertThat(overspendTransitions(dept))
                .as("once the position claims the refusal, its alert is there")
                .isEqualTo(1);
        assertThat(due(dept)).isZero();
    }

    @Test
    void anEvaluationAStopCutOffIsMadeFromTheTableOnceAndARedeliveryAddsNothing() {
        String dept = "POS-STOP";
        ScenarioEvents s = scenario();
        List<RecordedEvent> events = refusal(s, dept);
        // as a crash right after the consumer's commit: the batch is applied, nobody judges it, and what was
        // queued in memory is gone (the restarted thread starts from the table)
        monitoring.stop();
        try {
            publish(events);
            awaitInLog(events);
            assertThat(due(dept)).isPositive();
            assertThat(overspendTransitions(dept)).isZero();
            assertThat(reportedPosition()).isLessThan(events.get(0).position());
        } finally {
            monitoring.start();
        }
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> due(dept) == 0);
        assertThat(overspendTransitions(dept)).isEqualTo(1);

        // the same records again (a redelivery after an offset commit that was lost), then one new event
        publish(events);
        RecordedEvent later = s.record(new DisbursementRecorded(
                dept, 2021, "L1", "V2", Money.of("10.00"), "payee", "purpose", false, LocalDate.of(2021, 3, 2)));
        publish(later);
        awaitApplied(later);
        assertThat(overspendTransitions(dept)).as("neither lost nor doubled").isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select message from alert where department = ? and rule = 'OVERSPEND_ATTEMPT'",
                        String.class,
                        dept))
                .as("the payment's figures refreshed the alert silently (no transition)")
                .contains("available then 1000.00, now 990.00");
        assertThat(jdbc.queryForObject("select count(*) from event_log where department = ?", Integer.class, dept))
                .isEqualTo(events.size() + 1);
    }
}
