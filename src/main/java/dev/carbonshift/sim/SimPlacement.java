package dev.carbonshift.sim;

import java.time.Instant;

/**
 * Where and when a job ran in a replay, and what it really emitted (on the actual trace).
 *
 * @param kwh facility energy (IT × PUE)
 * @param displaced whether capacity moved the job off its own cheapest option in the plan it
 *     started on ({@link dev.carbonshift.plan.Placement#displaced()}); never for the peers' rules,
 *     which ignore capacity
 */
public record SimPlacement(
    String job,
    String region,
    Instant start,
    Instant end,
    int slices,
    double kwh,
    double kgCo2e,
    boolean missedDeadline,
    String reason,
    boolean displaced) {}
