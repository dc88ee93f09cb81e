package dev.carbonshift.store;

import java.time.Instant;

/**
 * Something Carbonshift decided, and why: a state change, a placement, a fallback, a tactic.
 *
 * @param jobId the job it concerns, or null for decisions about no single job
 * @param category e.g. {@code state}, {@code placement}, {@code fallback}, {@code tactic}
 */
public record Decision(
    long id, Instant at, String jobId, String category, String decision, String reason) {}
