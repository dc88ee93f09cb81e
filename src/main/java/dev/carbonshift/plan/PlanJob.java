package dev.carbonshift.plan;

import dev.carbonshift.job.Estimate;
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
 * @param defaultEstimate whether duration and power are {@link #DEFAULT_ESTIMATE} because the job
 *     stated none; every placement of the job says so
 * @param gpus GPUs the job holds while it runs in a region that counts them ({@code gpus.count}),
 *     or 0 when it does not say: it then holds one unit there, as everywhere else
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
    Set<String> regions,
    boolean defaultEstimate,
    int gpus) {

  /**
   * The estimate of a job that states none and has no earlier runs to learn from: a stated,
   * conservative guess, so that the job is still planned (and says so) rather than stuck.
   */
  public static final Estimate DEFAULT_ESTIMATE = new Estimate(Duration.ofHours(1), 250);

  /** What a placement of a job planned on {@link #DEFAULT_ESTIMATE} says about its estimate. */
  public static final String DEFAULT_ESTIMATE_NOTE =
      "no estimate stated or learned: planned on the default estimate of "
          + DEFAULT_ESTIMATE.duration().toHours()
          + " h at "
          + Math.round(DEFAULT_ESTIMATE.powerWatts())
          + " W";

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
    if (gpus < 0) {
      throw new IllegalArgumentException(id + ": gpus must be >= 0");
    }
  }

  /** A job whose estimate is its own and that does not say how many GPUs it holds. */
  public PlanJob(
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
    this(
        id,
        submittedAt,
        earliestStart,
        deadline,
        duration,
        powerWatts,
        interruptible,
        minSlice,
        resumeKwh,
        priority,
        home,
        regions,
        false,
        0);
  }

  /**
   * The planner's view of a submitted descriptor, its times resolved against {@code submittedAt};
   * without an estimate it is planned on {@link #DEFAULT_ESTIMATE}.
   */
  public static PlanJob of(String id, JobSpec spec, Instant submittedAt) {
    return of(
        id, spec, submittedAt, spec.earliestStartFor(submittedAt), spec.deadlineFor(submittedAt));
  }

  /**
   * As {@link #of(String, JobSpec, Instant)}, with earliest start and deadline already resolved (as
   * the store keeps them from submission).
   *
   * @param deadline absolute deadline, or {@code null} for none
   */
  public static PlanJob of(
      String id, JobSpec spec, Instant submittedAt, Instant earliestStart, Instant deadline) {
    Estimate e = spec.estimate() != null ? spec.estimate() : DEFAULT_ESTIMATE;
    Set<String> allowed = spec.allowsAnyRegion() ? Set.of() : Set.copyOf(spec.regions());
    String home =
        spec.home() != null ? spec.home() : allowed.stream().sorted().findFirst().orElse("");
    return new PlanJob(
        id,
        submittedAt,
        earliestStart,
        deadline,
        e.duration(),
        e.powerWatts(),
        spec.interruptible(),
        spec.minSlice(),
        0,
        spec.priority(),
        home,
        allowed,
        spec.estimate() == null,
        spec.gpus());
  }

  public boolean allows(String regionId) {
    return regions.isEmpty() || regions.contains(regionId) || regionId.equals(home);
  }

  /** IT energy of the whole job, before PUE. */
  public double energyKwh() {
    return powerWatts * duration.toSeconds() / 3_600_000.0;
  }
}
