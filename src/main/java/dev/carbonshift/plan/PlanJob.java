package dev.carbonshift.plan;

import dev.carbonshift.job.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A queued job as the planner sees it.
 *
 * @param deadline when the job must have finished, or {@code null} for none (then the planning
 *     horizon bounds it)
 * @param powerWatts average IT power while it runs, before PUE
 * @param minSlice shortest slice an interruptible job may run in, or {@code null} for no minimum
 * @param resumeKwh extra IT energy each resume costs (reloading a checkpoint), 0 for none
 * @param regions allowed region ids; empty (or {@code *}) allows every region
 */
public record PlanJob(
    String id,
    Instant submittedAt,
    Instant earliestStart,
    Instant deadline,
    Duration duration,
    double powerWatts,
    boolean interruptible,
    Duration minSlice,
    double resumeKwh,
    int priority,
    String home,
    Set<String> regions) {

  public PlanJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(submittedAt, "submittedAt");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(home, "home");
    earliestStart = earliestStart == null ? submittedAt : earliestStart;
    regions =
        regions == null || regions.contains(JobSpec.ANY_REGION) ? Set.of() : Set.copyOf(regions);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(id + ": duration must be positive");
    }
    if (!Double.isFinite(powerWatts) || powerWatts < 0) {
      throw new IllegalArgumentException(id + ": powerWatts must be >= 0");
    }
  }

  /** The planner's view of a submitted descriptor; the descriptor must carry an estimate. */
  public static PlanJob of(String id, JobSpec spec, Instant submittedAt) {
    if (spec.estimate() == null) {
      throw new IllegalArgumentException(
          id + ": no estimate (duration, powerWatts) to plan with; learn one from earlier runs");
    }
    Set<String> allowed = spec.allowsAnyRegion() ? Set.of() : Set.copyOf(spec.regions());
    String home =
        spec.home() != null ? spec.home() : allowed.stream().sorted().findFirst().orElse("");
    return new PlanJob(
        id,
        submittedAt,
        spec.earliestStartFor(submittedAt),
        spec.deadlineFor(submittedAt),
        spec.estimate().duration(),
        spec.estimate().powerWatts(),
        spec.interruptible(),
        spec.minSlice(),
        0,
        spec.priority(),
        home,
        allowed);
  }

  public boolean allows(String regionId) {
    return regions.isEmpty() || regions.contains(regionId) || regionId.equals(home);
  }

  /** IT energy of the whole job, before PUE. */
  public double energyKwh() {
    return powerWatts * duration.toSeconds() / 3_600_000.0;
  }
}
