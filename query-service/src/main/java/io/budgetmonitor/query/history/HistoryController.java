package io.budgetmonitor.query.history;

import io.budgetmonitor.api.wire.BudgetJson;
import io.budgetmonitor.query.web.BadRequestException;
import io.budgetmonitor.query.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 审计追溯: the events of a department-year or a line, in log order, optionally as known at a past instant. */
@RestController
@RequestMapping("/api/v1/departments/{department}/years/{year}")
public class HistoryController {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public HistoryController(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Operation(
            summary = "Every event of a department-year with occurredOn, recordedAt, who recorded it (recordedBy), "
                    + "whom the client said it recorded for (onBehalfOf) and its hash chain link (eventHash, prevHash)")
    @GetMapping("/history")
    public List<HistoryEntry> history(
            @PathVariable String department,
            @PathVariable int year,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "1000") int limit) {
        return query(department, year, null, asOf, knownAt, offset, limit);
    }

    @Operation(summary = "Every event of one budget line")
    @GetMapping("/lines/{line}/history")
    public List<HistoryEntry> lineHistory(
            @PathVariable String department,
            @PathVariable int year,
            @PathVariable String line,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) Instant knownAt,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(defaultValue = "1000") int limit) {
        return query(department, year, department + ":" + year + ":" + line, asOf, knownAt, offset, limit);
    }

    private List<HistoryEntry> query(
            String department, int year, String aggregate, LocalDate asOf, Instant knownAt, int offset, int limit) {
        if (knownAt != null && knownAt.isAfter(clock.instant())) {
            throw new BadRequestException("knownAt", "knownAt " + knownAt + " is in the future");
        }
        if (limit < 1 || limit > 10_000 || offset < 0) {
            throw new BadRequestException("limit", "limit must be 1..10000 and offset ≥ 0");
        }
        StringBuilder sql = new StringBuilder("select * from event_log where department = ? and fiscal_year = ?");
        List<Object> args = new ArrayList<>(List.of(department, year));
        if (aggregate != null) {
            sql.append(" and aggregate_id = ?");
            args.add(aggregate);
        }
        if (asOf != null) {
            sql.append(" and occurred_on <= ?");
            args.add(java.sql.Date.valueOf(asOf));
        }
        if (knownAt != null) {
            sql.append(" and recorded_at <= ?");
            args.add(Timestamp.from(knownAt));
        }
        sql.append(" order by position offset ? limit ?");
        args.add(offset);
        args.add(limit);
        List<HistoryEntry> entries = jdbc.query(
                sql.toString(),
                (rs, i) -> {
                    try {
                        return new HistoryEntry(
                                rs.getLong("position"),
                                rs.getString("event_id"),
                                rs.getString("event_type"),
                                rs.getString("aggregate_id"),
                                rs.getLong("sequence_number"),
                                rs.getDate("occurred_on").toLocalDate(),
                                rs.getTimestamp("recorded_at").toInstant(),
                                rs.getString("recorded_by"),
                                rs.getString("on_behalf_of"),
                                rs.getString("correlation_id"),
                                BudgetJson.mapper().readTree(rs.getString("payload")),
                                rs.getString("event_hash"),
                                rs.getString("prev_hash"));
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                },
                args.toArray());
        if (entries.isEmpty() && offset == 0) {
            Boolean known = jdbc.queryForObject(
                    "select exists (select 1 from event_log where department = ?)", Boolean.class, department);
            if (!Boolean.TRUE.equals(known)) {
                throw new NotFoundException("unknown department " + department);
            }
        }
        return entries;
    }
}
