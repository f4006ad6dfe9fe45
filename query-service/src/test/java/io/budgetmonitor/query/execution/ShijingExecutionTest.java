package io.budgetmonitor.query.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.support.ScenarioEvents;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The golden scenario folded without any infrastructure: the seed's execution figures. */
class ShijingExecutionTest {
    static final Path SHIJING = Path.of("../infra/demo/shijing-2021.ndjson");

    @Test
    void reproducesTheSeedFigures() {
        List<RecordedEvent> events = ScenarioEvents.fromFile(SHIJING, null, 0);
        DepartmentYearState state = DepartmentYearState.fold(new FiscalYearId("BY-SJ", 2021), events);
        ExecutionReport report =
                ExecutionCalculator.report(state, LocalDate.of(2021, 12, 31), TimeProgress.STRAIGHT_LINE, null);
        System.out.println(report);
        assertThat(report.budget().toString()).isEqualTo("160610200.00");
        assertThat(report.executed().toString()).isEqualTo("150426500.00");
        assertThat(report.executionRate()).isEqualTo("0.9366");
        assertThat(report.basic().executionRate()).isEqualTo("0.8640");
        assertThat(report.averageQuarterlyRate()).isEqualTo("0.9795");
        assertThat(report.timeProgress()).isEqualTo("1.0000");
        assertThat(report.quarters().get(1).scoredRate()).isEqualTo("1.0000");
        assertThat(report.quarters())
                .filteredOn(q -> !"1.0000".equals(q.scoredRate()))
                .hasSize(3);
    }
}
