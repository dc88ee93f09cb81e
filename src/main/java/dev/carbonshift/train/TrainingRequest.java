package dev.carbonshift.train;

import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.job.JobSpec;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One training run to do now.
 *
 * @param baseDir folder of the descriptor, against which relative dataset and model paths resolve
 * @param meter measures the run's energy, training and evaluation alike, when no {@code session} is
 *     given
 * @param gramsCo2PerKwh grid intensity assumed for the run's own kgCO2e figure
 * @param pue power usage effectiveness of the site (facility energy / IT energy), at least 1
 * @param session the caller's measurement of this run, already started: the trainer reads it for
 *     the energy it keeps in checkpoints and never starts or stops a session of its own, so that a
 *     run is measured once (null: the trainer measures with {@code meter})
 * @param checkpointKey names the job's checkpoint folder: one live checkpoint per job (the job id
 *     for a stored job; the descriptor name when trained from a file)
 * @param jobId the stored job this run trains, or null: a job's version is registered once, so a
 *     job that comes back after an interruption that followed its registration gets that version
 *     again instead of a second one
 */
public record TrainingRequest(
    JobSpec job,
    Path baseDir,
    EnergyMeter meter,
    double gramsCo2PerKwh,
    double pue,
    TrainingListener listener,
    StopSignal stop,
    EnergyMeter.Session session,
    String checkpointKey,
    String jobId) {

  public TrainingRequest {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(baseDir, "baseDir");
    Objects.requireNonNull(meter, "meter");
    if (!(gramsCo2PerKwh >= 0) || !(pue >= 1.0)) {
      throw new IllegalArgumentException(
          "intensity must be >= 0 g/kWh and PUE >= 1: " + gramsCo2PerKwh + ", " + pue);
    }
    listener = listener == null ? TrainingListener.NONE : listener;
    stop = stop == null ? StopSignal.NEVER : stop;
    checkpointKey =
        (checkpointKey == null ? job.name() : checkpointKey).replaceAll("[^A-Za-z0-9._-]", "_");
  }

  public static TrainingRequest of(JobSpec job, Path baseDir, EnergyMeter meter) {
    return new TrainingRequest(job, baseDir, meter, 0, 1.0, null, null, null, null, null);
  }

  /** A run measured by the caller's {@code session} (see {@link #session()}). */
  public static TrainingRequest measuredBy(
      JobSpec job, Path baseDir, EnergyMeter meter, EnergyMeter.Session session) {
    Objects.requireNonNull(session, "session");
    return new TrainingRequest(job, baseDir, meter, 0, 1.0, null, null, session, null, null);
  }

  public TrainingRequest withCarbon(double gramsPerKwh, double pueRatio) {
    return new TrainingRequest(
        job, baseDir, meter, gramsPerKwh, pueRatio, listener, stop, session, checkpointKey, jobId);
  }

  public TrainingRequest withListener(TrainingListener l) {
    return new TrainingRequest(
        job, baseDir, meter, gramsCo2PerKwh, pue, l, stop, session, checkpointKey, jobId);
  }

  public TrainingRequest withStop(StopSignal s) {
    return new TrainingRequest(
        job, baseDir, meter, gramsCo2PerKwh, pue, listener, s, session, checkpointKey, jobId);
  }

  /** Training for the stored job {@code id}: its checkpoint folder and its one version. */
  public TrainingRequest forJob(String id) {
    Objects.requireNonNull(id, "id");
    return new TrainingRequest(
        job, baseDir, meter, gramsCo2PerKwh, pue, listener, stop, session, id, id);
  }

  public Optional<String> storedJob() {
    return Optional.ofNullable(jobId);
  }
}
