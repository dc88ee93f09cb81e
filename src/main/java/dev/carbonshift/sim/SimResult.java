package dev.carbonshift.sim;

import java.util.List;

/**
 * The outcome of replaying a workload under one policy.
 *
 * @param baselineKgCo2e every job at once at home, on the actual trace
 * @param lowerBoundKgCo2e for the oracle, a proven lower bound of any capacity-respecting plan (the
 *     better of the 0/1 program's dual bound and the LP relaxation's); {@code null} otherwise
 * @param lpBoundKgCo2e for the oracle, the LP relaxation's bound alone; {@code null} otherwise
 */
public record SimResult(
    String policy,
    String forecast,
    int jobs,
    int deadlineMisses,
    double totalKwh,
    double totalKgCo2e,
    double baselineKgCo2e,
    Double lowerBoundKgCo2e,
    Double lpBoundKgCo2e,
    List<SimPlacement> placements,
    List<String> notes) {

  public SimResult {
    placements = List.copyOf(placements);
    notes = List.copyOf(notes);
  }

  /** The same result with {@code note} said before its other notes. */
  public SimResult withNoteFirst(String note) {
    List<String> all = new java.util.ArrayList<>();
    all.add(note);
    all.addAll(notes);
    return new SimResult(
        policy,
        forecast,
        jobs,
        deadlineMisses,
        totalKwh,
        totalKgCo2e,
        baselineKgCo2e,
        lowerBoundKgCo2e,
        lpBoundKgCo2e,
        placements,
        all);
  }

  /**
   * How many jobs capacity moved off their own cheapest option ({@link SimPlacement#displaced}).
   */
  public long displaced() {
    return placements.stream().filter(SimPlacement::displaced).count();
  }

  /** The share of jobs that capacity displaced, in percent (0 for no jobs). */
  public double displacedPct() {
    return placements.isEmpty() ? 0 : 100.0 * displaced() / placements.size();
  }

  public double savingsPct() {
    return baselineKgCo2e <= 0 ? 0 : 100.0 * (baselineKgCo2e - totalKgCo2e) / baselineKgCo2e;
  }
}
