package dev.carbonshift.daemon;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs this process holds, by job id: at most one per job, so that two triggers (or a trigger
 * and a resume) never train the same job at once; heartbeats go to exactly these.
 */
public final class LiveRuns {
  private final Map<String, LiveRun> byJob = new ConcurrentHashMap<>();

  /** A new live run for {@code jobId}, or empty if this process already runs it. */
  public Optional<LiveRun> claim(String jobId, int sliceIndex) {
    LiveRun run = new LiveRun(jobId, sliceIndex);
    return byJob.putIfAbsent(jobId, run) == null ? Optional.of(run) : Optional.empty();
  }

  public void release(LiveRun run) {
    byJob.remove(run.jobId(), run);
  }

  public Optional<LiveRun> of(String jobId) {
    return Optional.ofNullable(byJob.get(jobId));
  }

  public List<LiveRun> all() {
    return List.copyOf(byJob.values());
  }

  /** Ids of the stored runs in progress here. */
  public List<Long> runIds() {
    return byJob.values().stream().map(LiveRun::runId).filter(id -> id >= 0).toList();
  }

  public boolean isEmpty() {
    return byJob.isEmpty();
  }
}
