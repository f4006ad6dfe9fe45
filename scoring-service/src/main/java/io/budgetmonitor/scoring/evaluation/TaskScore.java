package io.budgetmonitor.scoring.evaluation;

import java.math.BigDecimal;
import java.util.List;

/** 工作任务得分: one work task of 履职效能 with its KPIs. */
public record TaskScore(String code, String name, BigDecimal max, BigDecimal points, List<KpiScore> kpis) {}
