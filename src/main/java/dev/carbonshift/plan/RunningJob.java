package dev.carbonshift.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A job that already holds capacity (started, or committed to start) and that the planner must not
 * move: it only occupies its region during its slices, one job and its {@code gpus} there.
 *
 * @param gpus GPUs it holds, as its {@link PlanJob#gpus()}: 0 when its descriptor does not say
 */
public record RunningJob(String jobId, String regionId, List<Slice> slices, int gpus) {
  public RunningJob {
    slices = List.copyOf(slices);
    if (gpus < 0) {
      throw new IllegalArgumentException(jobId + ": gpus must be >= 0");
    }
  }

  /** A held job that holds no GPUs. */
  public RunningJob(String jobId, String regionId, List<Slice> slices) {
    this(jobId, regionId, slices, 0);
  }

  /** What {@code job} holds on its placement {@code p}. */
  public static RunningJob of(PlanJob job, Placement p) {
    return new RunningJob(p.jobId(), p.regionId(), p.slices(), job.gpus());
  }

  /**
   * What a job whose placement has started holds from {@code now}: the slices of {@code planned}
   * not yet over, such as those still ahead of an interruptible job between slices.
   */
  public static RunningJob remaining(
      String jobId, String regionId, List<Slice> planned, Instant now, int gpus) {
    return new RunningJob(
        jobId, regionId, planned.stream().filter(s -> s.end().isAfter(now)).toList(), gpus);
  }

  /**
   * What a job that is running now holds: the rest of its slices, the current stretch lasting at
   * least until {@code now + minHold}. Its planned end is an estimate; a job that overruns keeps
   * its region until it ends, and the next round extends the hold again.
   */
  public static RunningJob running(
      String jobId, String regionId, List<Slice> planned, Instant now, Duration minHold, int gpus) {
    List<Slice> all = new ArrayList<>(remaining(jobId, regionId, planned, now, gpus).slices());
    all.add(new Slice(now, now.plus(minHold)));
    all.sort(Comparator.comparing(Slice::start));
    // overlapping stretches would count the job twice in the slots they share
    List<Slice> merged = new ArrayList<>();
    for (Slice s : all) {
      Slice last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && !s.start().isAfter(last.end())) {
        Instant end = s.end().isAfter(last.end()) ? s.end() : last.end();
        merged.set(merged.size() - 1, new Slice(last.start(), end));
      } else {
        merged.add(s);
      }
    }
    return new RunningJob(jobId, regionId, merged, gpus);
  }
}
