package dev.carbonshift.plan;

import java.util.List;

/**
 * A job that already holds capacity (started, or committed to start) and that the planner must not
 * move: it only occupies its region during its slices.
 */
public record RunningJob(String jobId, String regionId, List<Slice> slices) {
  public RunningJob {
    slices = List.copyOf(slices);
  }
}
