package io.budgetmonitor.query.execution;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.api.wire.RecordedEvent;
import io.budgetmonitor.query.eventlog.EventLog;
import io.budgetmonitor.query.web.BadRequestException;
import io.budgetmonitor.query.web.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the state a query asks about. Without {@code asOf}/{@code knownAt} it is the live projection;
 * with either, it is folded from the event-log copy: only events recorded by {@code knownAt} with a
 * business date on or before {@code asOf} count — what the monitor showed on that day.
 */
@Service
public class ExecutionQueries {
    private final ReadModelStore store;
    private final EventLog eventLog;
    private final Clock clock;
    private final TimeProgress timeProgress;

    public ExecutionQueries(ReadModelStore store, EventLog eventLog, Clock clock, TimeProgress timeProgress) {
        this.store = store;
        this.eventLog = eventLog;
        this.clock = clock;
        this.timeProgress = timeProgress;
    }

    @Transactional(readOnly = true)
    public DepartmentYearState state(String department, int year, LocalDate asOf, Instant knownAt) {
        validate(year, knownAt);
        if (asOf == null && knownAt == null) {
            return store.load(new FiscalYearId(department, year)).orElseThrow(() -> notFound(department, year));
        }
        List<RecordedEvent> events = eventLog.departmentYear(
                department,
                year,
                asOf == null ? LocalDate.of(9999, 12, 31) : asOf,
                knownAt == null ? clock.instant() : knownAt);
        if (events.isEmpty()) {
            throw notFound(department, year);
        }
        return DepartmentYearState.fold(new FiscalYearId(department, year), events);
    }

    /** The evaluation date: {@code asOf}, else today, clamped into the fiscal year. */
    /** The locality's 序时进度 curve, the one every execution figure is read against. */
    public TimeProgress timeProgress() {
        return timeProgress;
    }

    public LocalDate evaluationDate(LocalDate asOf, int year) {
        return TimeProgress.clamp(asOf != null ? asOf : LocalDate.now(clock), year);
    }

    private void validate(int year, Instant knownAt) {
        if (year < 1900 || year > 9999) {
            throw new BadRequestException("year", "fiscal year " + year + " is out of range");
        }
        if (knownAt != null && knownAt.isAfter(clock.instant())) {
            throw new BadRequestException("knownAt", "knownAt " + knownAt + " is in the future");
        }
    }

    private NotFoundException notFound(String department, int year) {
        if (!store.departmentExists(department) && !eventLog.hasDepartment(department)) {
            return new NotFoundException("unknown department " + department);
        }
        return new NotFoundException("department " + department + " has no fiscal year " + year);
    }
}
