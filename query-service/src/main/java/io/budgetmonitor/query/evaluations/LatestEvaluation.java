package io.budgetmonitor.query.evaluations;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The latest evaluation snapshot (绩效自评) of a department-year, as scoring-service announced it. */
public record LatestEvaluation(
        UUID id, String department, int fiscalYear, BigDecimal total, String grade, Instant takenAt) {}
