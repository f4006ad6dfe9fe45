package io.budgetmonitor.query.evaluations;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The latest projected year-end score (预计得分) of a department-year, as scoring-service announced it.
 *
 * @param asOf the day its run rate was measured on: the projection of a department with no events since
 *             is not re-announced as days pass
 */
public record LatestProjection(
        String department, int fiscalYear, BigDecimal total, String grade, LocalDate asOf, Instant computedAt) {}
