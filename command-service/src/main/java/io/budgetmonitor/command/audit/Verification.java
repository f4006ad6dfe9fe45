package io.budgetmonitor.command.audit;

/**
 * The answer of a chain walk: how many events hold, and the first broken link if any.
 *
 * @param verified events checked and found intact before the walk ended
 * @param brokenAt null when every event in scope holds
 */
public record Verification(long verified, BrokenLink brokenAt) {}
