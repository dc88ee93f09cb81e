package dev.carbonshift.plan;

import java.util.ArrayList;
import java.util.List;

/** A job resolved against one grid: times in epoch seconds and the regions it may rank. */
final class JobCtx {
  final PlanJob job;
  final long earliest;
  final long deadline;
  final long durationSeconds;
  final long minSliceSeconds;
  final double powerKw;
  final int[] regions;

  /** GPUs the job holds while it runs: 0 when it does not say (see {@link PlanRegion}). */
  final int gpus;

  /** Index of the home region in the grid, or -1 when the request does not describe it. */
  final int home;

  /** Whether the deadline can be met at all: earliest start plus duration fits before it. */
  final boolean reachable;

  final List<String> notes = new ArrayList<>();

  /**
   * Why no allowed region can ever hold the job, when its GPUs are more than each has: {@code null}
   * when some region has GPUs enough.
   */
  String gpusBeyond;

  /** Cheapest option ignoring capacity; tells whether capacity changed the choice. */
  Option unconstrained;

  JobCtx(PlanJob job, long earliest, long deadline, int[] regions, int home, boolean reachable) {
    this.job = job;
    this.earliest = earliest;
    this.deadline = deadline;
    this.durationSeconds = job.duration().toSeconds();
    this.minSliceSeconds = job.minSlice() == null ? 0 : job.minSlice().toSeconds();
    this.powerKw = job.powerWatts() / 1000.0;
    this.regions = regions;
    this.gpus = job.gpus();
    this.home = home;
    this.reachable = reachable;
  }

  /** What the job holds of limit {@code l} while it runs: one job, or its GPUs. */
  int need(int l) {
    return Occupancy.need(l, gpus);
  }

  /** Latest end a window in region {@code r} may have: the forecast's end if it comes first. */
  long latestEnd(Grid g, int r) {
    long cover = g.coverEnd[r];
    if (cover < deadline && cover >= earliest + durationSeconds) {
      return cover;
    }
    return deadline;
  }
}
