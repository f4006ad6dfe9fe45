package io.budgetmonitor.scoring.rubric;

/** A name in Chinese (the report's language) and English (for API users and logs). */
public record LocalizedName(String zh, String en) {}
