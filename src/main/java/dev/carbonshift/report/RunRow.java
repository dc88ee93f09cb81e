package dev.carbonshift.report;

import java.time.Instant;

/** One finished run as a report shows it. Emission figures are null when unknown. */
public record RunRow(
    String jobId,
    String job,
    String team,
    String model,
    String region,
    String home,
    Instant startedAt,
    String state,
    double itKwh,
    Double facilityKwh,
    Double gramsPerKwh,
    String intensityKind,
    Double kgCo2e,
    Double baselineKgCo2e,
    Double avoidedKgCo2e,
    String energyMethod) {

  /** The calendar month of the run, UTC, e.g. {@code 2026-11}. */
  public String month() {
    return startedAt.toString().substring(0, 7);
  }
}
