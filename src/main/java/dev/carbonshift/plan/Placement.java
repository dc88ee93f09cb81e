package dev.carbonshift.plan;

import java.time.Instant;
import java.util.List;

/**
 * Where and when one job runs, what it is expected to emit, and why.
 *
 * @param kwh facility energy (IT energy × PUE)
 * @param gCo2e expected emissions of this placement
 * @param baselineGCo2e expected emissions had the job run at once in its home region
 * @param reason why this region and time were chosen, naming any fallback that was taken
 * @param fallback what happens if this placement cannot be kept
 */
public record Placement(
    String jobId,
    String regionId,
    Instant start,
    Instant end,
    List<Slice> slices,
    double kwh,
    double gCo2e,
    double baselineGCo2e,
    String reason,
    String fallback) {

  public Placement {
    slices = List.copyOf(slices);
  }

  /**
   * Whether capacity moved the job off its own cheapest option (others had taken it), or left it no
   * room at all before its deadline.
   */
  public boolean displaced() {
    return reason.startsWith(Planner.NO_CAPACITY) || reason.contains(Planner.DISPLACED);
  }

  /** Saving against the baseline in percent (negative when the placement emits more). */
  public double savingPct() {
    return baselineGCo2e <= 0 ? 0 : 100.0 * (baselineGCo2e - gCo2e) / baselineGCo2e;
  }
}
