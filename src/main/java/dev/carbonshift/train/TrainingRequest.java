package dev.carbonshift.train;

import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.job.JobSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One training run to do now.
 *
 * @param baseDir folder of the descriptor, against which relative dataset and model paths resolve
 * @param meter measures the run's energy, training and evaluation alike
 * @param gramsCo2PerKwh grid intensity assumed for the run
 * @param pue power usage effectiveness of the site (facility energy / IT energy), at least 1
 */
public record TrainingRequest(
    JobSpec job,
    Path baseDir,
    EnergyMeter meter,
    double gramsCo2PerKwh,
    double pue,
    TrainingListener listener,
    StopSignal stop) {

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
  }

  public static TrainingRequest of(JobSpec job, Path baseDir, EnergyMeter meter) {
    return new TrainingRequest(job, baseDir, meter, 0, 1.0, null, null);
  }

  public TrainingRequest withCarbon(double gramsPerKwh, double pueRatio) {
    return new TrainingRequest(job, baseDir, meter, gramsPerKwh, pueRatio, listener, stop);
  }

  public TrainingRequest withListener(TrainingListener l) {
    return new TrainingRequest(job, baseDir, meter, gramsCo2PerKwh, pue, l, stop);
  }

  public TrainingRequest withStop(StopSignal s) {
    return new TrainingRequest(job, baseDir, meter, gramsCo2PerKwh, pue, listener, s);
  }
}
