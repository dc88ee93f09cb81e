package dev.carbonshift.daemon;

import dev.carbonshift.job.Estimate;
import dev.carbonshift.job.JobSpec;
import java.time.Duration;

/**
 * The estimate used for a job that states none and has no earlier runs to learn from: a stated,
 * conservative guess, so the job can still be planned rather than stuck.
 */
final class EstimateDefaults {
  static final Estimate UNKNOWN = new Estimate(Duration.ofHours(1), 250);

  private EstimateDefaults() {}

  static JobSpec orDefault(JobSpec s) {
    if (s.estimate() != null) {
      return s;
    }
    return new JobSpec(
        s.name(),
        s.team(),
        s.kind(),
        s.strategy(),
        s.model(),
        s.baseModel(),
        s.modelFile(),
        s.dataset(),
        s.network(),
        UNKNOWN,
        s.earliestStart(),
        s.deadline(),
        s.regions(),
        s.home(),
        s.interruptible(),
        s.minSlice(),
        s.priority(),
        s.schedule(),
        s.target());
  }
}
