package dev.carbonshift.store;

import dev.carbonshift.plan.Reason;
import java.time.Instant;

/**
 * Where and when a job is to run, as decided at {@code plannedAt}.
 *
 * @param slicesJson for an interruptible job, its slices as a JSON array of {start, end}; else null
 * @param baselineGCo2e emissions had it run at once in its home region
 * @param reason why, in typed parts ({@link Reason#text()} in words); {@link
 *     Reason.Outcome#RECORDED} for a row stored before the parts had columns
 * @param fallback what was used in place of missing data, or null
 */
public record PlacementRecord(
    long id,
    String jobId,
    Instant plannedAt,
    String region,
    Instant start,
    Instant end,
    String slicesJson,
    double expectedKwh,
    double expectedGCo2e,
    double baselineGCo2e,
    Reason reason,
    String fallback) {}
