package io.budgetmonitor.scoring.rubric;

/** Which rubric and version an evaluation was computed with. */
public record RubricRef(String id, int version) {
}
