package io.budgetmonitor.query.exports;

import io.budgetmonitor.api.values.FiscalYearId;
import io.budgetmonitor.query.alerts.Alert;
import io.budgetmonitor.query.alerts.AlertFilter;
import io.budgetmonitor.query.alerts.AlertRepository;
import io.budgetmonitor.query.execution.DepartmentYearState;
import io.budgetmonitor.query.execution.ExecutionCalculator;
import io.budgetmonitor.query.execution.ExecutionQueries;
import io.budgetmonitor.query.execution.ReadModelStore;
import io.budgetmonitor.query.web.NotFoundException;
import io.budgetmonitor.security.DepartmentScope;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What the exports are made of, read exactly as the execution and alert endpoints read it: the same
 * state ({@link ExecutionQueries}, live or as of a day), the same report and line views
 * ({@link ExecutionCalculator}), the same scoped alert search. One implementation of every figure.
 */
@Service
public class ExportQueries {
    private final ExecutionQueries queries;
    private final ReadModelStore store;
    private final AlertRepository alerts;

    public ExportQueries(ExecutionQueries queries, ReadModelStore store, AlertRepository alerts) {
        this.queries = queries;
        this.store = store;
        this.alerts = alerts;
    }

    /** One department-year; 404 when it does not exist (or did not yet on {@code asOf}/{@code knownAt}). */
    public ExecutionExport departmentYear(String department, int year, LocalDate asOf, Instant knownAt) {
        DepartmentYearState state = queries.state(department, year, asOf, knownAt);
        LocalDate date = queries.evaluationDate(asOf, year);
        return ExecutionExport.of(
                ExecutionCalculator.report(state, date, queries.timeProgress(), knownAt),
                ExecutionCalculator.lines(state, date, queries.timeProgress()));
    }

    /**
     * Every department-year of {@code year} within {@code scope}, by department code; a department whose
     * year had no event yet on {@code asOf}/{@code knownAt} is left out. 404 when none is left.
     */
    public List<ExecutionExport> district(int year, DepartmentScope scope, LocalDate asOf, Instant knownAt) {
        List<ExecutionExport> exports = new ArrayList<>();
        for (FiscalYearId id : store.departmentYears()) {
            if (id.fiscalYear() != year || !scope.includes(id.department())) {
                continue;
            }
            try {
                exports.add(departmentYear(id.department(), year, asOf, knownAt));
            } catch (NotFoundException notYetThen) {
                // opened after asOf/knownAt: not part of the picture on that day
            }
        }
        if (exports.isEmpty()) {
            throw new NotFoundException("no department you may see has fiscal year " + year);
        }
        return exports;
    }

    /** Every alert of the department-year, whatever its status, by id; 404 for an unknown department-year. */
    public List<Alert> alerts(String department, int year, DepartmentScope scope) {
        queries.state(department, year, null, null);
        return alerts.search(new AlertFilter(department, null, null, scope), null, year);
    }
}
