package dev.carbonshift.sim;

import java.time.Instant;

/**
 * Where and when a job ran in a replay, and what it really emitted (on the actual trace).
 *
 * @param kwh facility energy (IT × PUE)
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
    String reason) {}
