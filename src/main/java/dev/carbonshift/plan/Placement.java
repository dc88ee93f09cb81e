package dev.carbonshift.plan;

import java.time.Instant;
import java.util.List;

/**
 * Where and when one job runs, what it is expected to emit, and why.
 *
 * @param kwh facility energy (IT energy × PUE)
 * @param gCo2e expected emissions of this placement
 * @param baselineGCo2e expected emissions had the job run at once in its home region
 * @param reason why this region and time were chosen, naming any fallback that was taken; {@link
 *     Reason#text()} in words
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
    Reason reason,
    String fallback) {

  public Placement {
    slices = List.copyOf(slices);
  }

  /** This placement, its reason naming {@code method} as the one that found it. */
  public Placement foundBy(String method) {
    return new Placement(
        jobId,
        regionId,
        start,
        end,
        slices,
        kwh,
        gCo2e,
        baselineGCo2e,
        reason.foundBy(method),
        fallback);
  }

  /** Saving against the baseline in percent (negative when the placement emits more). */
  public double savingPct() {
    return baselineGCo2e <= 0 ? 0 : 100.0 * (baselineGCo2e - gCo2e) / baselineGCo2e;
  }
}
