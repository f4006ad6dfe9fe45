package io.budgetmonitor.scoring.evaluation;

import java.math.BigDecimal;

/** 维度得分: 管理效能 (A) or 履职效能 (B). */
public record PartScore(String code, String name, BigDecimal max, BigDecimal points) {}
