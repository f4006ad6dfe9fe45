package io.budgetmonitor.command.input;

/** One field-level problem of a request: {@code field} is a JSON path such as {@code amount} or {@code quarterTargets[2]}. */
public record FieldError(String field, String message) {}
