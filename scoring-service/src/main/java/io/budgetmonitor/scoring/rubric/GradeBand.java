package io.budgetmonitor.scoring.rubric;

import java.math.BigDecimal;

/** 评价等级: a total at or above {@code min} (and below the next band up) gets {@code grade}. */
public record GradeBand(String grade, BigDecimal min) {}
