package dev.carbonshift.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A job descriptor as submitted, after parsing and validation. Optional parts are {@code null} when
 * absent; collections are never null.
 *
 * @param model name of the model in the registry this job produces a version of
 * @param baseModel version to start from ({@code latest}, a version number, or {@code
 *     name:version})
 * @param modelFile an existing DL4J model file to start from instead of a registry version
 * @param estimate expected duration and power; {@code null} means none given: the planner plans on
 *     {@code PlanJob.DEFAULT_ESTIMATE} and says so (the MAPE-K loop writes the estimate it learned
 *     from a model's past runs into the retrains it submits)
 * @param earliestStart when the job may start at the earliest; {@code null} means on submission
 * @param deadline when the job must have finished; {@code null} means no deadline
 * @param regions allowed region ids; {@code ["*"]} allows every region
 * @param home region the job would run in without Carbonshift (the baseline)
 * @param minSlice shortest slice an interruptible job may be split into
 * @param schedule Quartz cron expression for a recurring job, or {@code null}
 * @param gpus GPUs the job holds while it runs, or 0 when it does not say (it then counts as one
 *     unit of a region's capacity)
 */
public record JobSpec(
    String name,
    String team,
    JobKind kind,
    Strategy strategy,
    String model,
    String baseModel,
    String modelFile,
    DatasetSpec dataset,
    NetworkSpec network,
    Estimate estimate,
    TimeSpec earliestStart,
    TimeSpec deadline,
    List<String> regions,
    String home,
    boolean interruptible,
    Duration minSlice,
    int priority,
    String schedule,
    Target target,
    int gpus) {

  public static final String ANY_REGION = "*";

  public JobSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(strategy, "strategy");
    regions = regions == null ? List.of(ANY_REGION) : List.copyOf(regions);
    if (gpus < 0) {
      throw new IllegalArgumentException(name + ": gpus must be >= 0");
    }
  }

  /** A descriptor that does not say how many GPUs it holds. */
  public JobSpec(
      String name,
      String team,
      JobKind kind,
      Strategy strategy,
      String model,
      String baseModel,
      String modelFile,
      DatasetSpec dataset,
      NetworkSpec network,
      Estimate estimate,
      TimeSpec earliestStart,
      TimeSpec deadline,
      List<String> regions,
      String home,
      boolean interruptible,
      Duration minSlice,
      int priority,
      String schedule,
      Target target) {
    this(
        name,
        team,
        kind,
        strategy,
        model,
        baseModel,
        modelFile,
        dataset,
        network,
        estimate,
        earliestStart,
        deadline,
        regions,
        home,
        interruptible,
        minSlice,
        priority,
        schedule,
        target,
        0);
  }

  public boolean allowsAnyRegion() {
    return regions.contains(ANY_REGION);
  }

  public boolean allows(String regionId) {
    return allowsAnyRegion() || regions.contains(regionId) || regionId.equals(home);
  }

  public Instant earliestStartFor(Instant submittedAt) {
    return earliestStart == null ? submittedAt : earliestStart.resolve(submittedAt);
  }

  /** The deadline for a job submitted at {@code submittedAt}, or {@code null} if none. */
  public Instant deadlineFor(Instant submittedAt) {
    return deadline == null ? null : deadline.resolve(submittedAt);
  }
}
