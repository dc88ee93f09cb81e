package dev.carbonshift.adapt;

import dev.carbonshift.job.JobSpec;
import dev.carbonshift.train.ModelVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * How the loop reaches the rest of Carbonshift: the stored jobs, the one submit path, the runs'
 * energy and the grid. The composition root implements it over the store and the carbon sources.
 */
public interface Wiring {

  /** The descriptor a version was trained from, as stored, with the folder paths resolve in. */
  record Origin(String jobId, String descriptor, JobSpec spec, Path baseDir) {}

  /** What became of a submitted job. */
  enum JobStatus {
    WAITING,
    DONE,
    FAILED
  }

  Optional<Origin> originOf(ModelVersion v);

  Optional<Origin> job(String jobId);

  /** Submits a descriptor through the same intake as the CLI, the API and the jobs folder. */
  String submit(String name, String yaml, Path sourceFile);

  JobStatus status(String jobId);

  /** IT kWh and kgCO2e of a job's finished runs. */
  double[] cost(String jobId);

  /** IT kWh and kgCO2e of every run of a model's jobs since {@code since}. */
  double[] recentCost(String model, Instant since);

  /** Grid intensity in a region now and the lowest forecast within a day, g/kWh (NaN unknown). */
  double[] grid(String regionId);
}
