package dev.carbonshift.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

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

  /**
   * The same descriptor as a one-off job of its own: named {@code name}, producing a model of that
   * name by {@code strategy} from {@code baseModel} (not from a model file), of the kind that
   * {@code strategy} is the default of, and with no schedule.
   */
  public JobSpec withModel(String name, Strategy strategy, String baseModel) {
    return with(
        c -> {
          c.name = name;
          c.model = name;
          c.kind = JobKind.defaultingTo(strategy);
          c.strategy = strategy;
          c.baseModel = baseModel;
          c.modelFile = null;
          c.schedule = null;
        });
  }

  /** The same descriptor trained on other data, with another network and stopping target. */
  public JobSpec withTraining(DatasetSpec dataset, NetworkSpec network, Target target) {
    return with(
        c -> {
          c.dataset = dataset;
          c.network = network;
          c.target = target;
        });
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

  /** A copy with some fields changed: the one place that lists every field. */
  private JobSpec with(Consumer<Copy> change) {
    Copy c = new Copy();
    change.accept(c);
    return new JobSpec(
        c.name,
        c.team,
        c.kind,
        c.strategy,
        c.model,
        c.baseModel,
        c.modelFile,
        c.dataset,
        c.network,
        c.estimate,
        c.earliestStart,
        c.deadline,
        c.regions,
        c.home,
        c.interruptible,
        c.minSlice,
        c.priority,
        c.schedule,
        c.target,
        c.gpus);
  }

  /** This record's fields, to change before {@link #with} builds the copy. */
  private final class Copy {
    String name = JobSpec.this.name;
    String team = JobSpec.this.team;
    JobKind kind = JobSpec.this.kind;
    Strategy strategy = JobSpec.this.strategy;
    String model = JobSpec.this.model;
    String baseModel = JobSpec.this.baseModel;
    String modelFile = JobSpec.this.modelFile;
    DatasetSpec dataset = JobSpec.this.dataset;
    NetworkSpec network = JobSpec.this.network;
    Estimate estimate = JobSpec.this.estimate;
    TimeSpec earliestStart = JobSpec.this.earliestStart;
    TimeSpec deadline = JobSpec.this.deadline;
    List<String> regions = JobSpec.this.regions;
    String home = JobSpec.this.home;
    boolean interruptible = JobSpec.this.interruptible;
    Duration minSlice = JobSpec.this.minSlice;
    int priority = JobSpec.this.priority;
    String schedule = JobSpec.this.schedule;
    Target target = JobSpec.this.target;
    int gpus = JobSpec.this.gpus;
  }
}
