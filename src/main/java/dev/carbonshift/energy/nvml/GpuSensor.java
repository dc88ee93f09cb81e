package dev.carbonshift.energy.nvml;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Method;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorReading;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * One GPU's energy, by the best method it supports: the millijoule counter (Volta and newer), else
 * power integrated at ≤ 1 s, else utilisation × power limit. In counter mode power is read too: if
 * the counter has not advanced over a short window (it updates every 10–100 ms; some vGPUs freeze
 * it) while power says energy was used, the integrated figure is reported instead of 0.
 */
final class GpuSensor implements Sensor {
  enum Mode {
    COUNTER,
    INTEGRATED,
    MODELLED
  }

  private final Nvml nvml;
  private final VisibleDevices.Owned device;
  private final String description;
  private final Mode mode;
  private final double modelWatts;
  private final Runnable release;
  private final Instant openedAt;
  private long counterStartMj;
  private long counterLastMj;
  private double counterCarriedJ;
  private int counterResets;
  private Instant lastAt;
  private double lastWatts;
  private double integratedJ;

  GpuSensor(
      Nvml nvml,
      VisibleDevices.Owned device,
      String description,
      Mode mode,
      double modelWatts,
      Instant now,
      Runnable release) {
    this.nvml = nvml;
    this.device = device;
    this.description = description;
    this.mode = mode;
    this.modelWatts = modelWatts;
    this.release = release;
    this.lastAt = now;
    this.openedAt = now;
    if (mode == Mode.COUNTER) {
      counterStartMj = nvml.totalEnergyMillijoules(device.handle(), device.label());
      counterLastMj = counterStartMj;
    }
    this.lastWatts = mode == Mode.COUNTER ? powerOrNaN() : watts();
  }

  @Override
  public String key() {
    return device.key();
  }

  @Override
  public Component component() {
    return Component.GPU;
  }

  @Override
  public Method method() {
    return mode == Mode.COUNTER
        ? Method.COUNTER
        : mode == Mode.INTEGRATED ? Method.INTEGRATED : Method.MODELLED;
  }

  @Override
  public String detail() {
    return description;
  }

  @Override
  public Duration maxInterval() {
    return mode == Mode.COUNTER ? Duration.ofMinutes(10) : Duration.ofSeconds(1);
  }

  /** Power for integration, in W; in modelled mode utilisation × the power limit. */
  private double watts() {
    if (mode == Mode.MODELLED) {
      return nvml.utilization(device.handle(), device.label()).gpuPercent() / 100.0 * modelWatts;
    }
    return nvml.powerMilliwatts(device.handle(), device.label()) / 1000.0;
  }

  private double powerOrNaN() {
    try {
      return watts();
    } catch (NvmlException e) {
      return Double.NaN;
    }
  }

  @Override
  public SensorReading poll(Instant now) {
    double seconds = Duration.between(lastAt, now).toNanos() / 1e9;
    if (mode != Mode.COUNTER) {
      double w = watts();
      integratedJ += (lastWatts + w) / 2 * Math.max(0, seconds);
      lastWatts = w;
      lastAt = now;
      return new SensorReading(integratedJ, w, method(), description);
    }
    long mj = nvml.totalEnergyMillijoules(device.handle(), device.label());
    if (mj < counterLastMj) { // driver reloaded: the counter restarted from 0
      counterCarriedJ += (counterLastMj - counterStartMj) / 1000.0;
      counterStartMj = 0;
      counterLastMj = 0;
      counterResets++;
    }
    double sinceLastJ = (mj - counterLastMj) / 1000.0;
    counterLastMj = mj;
    double w = powerOrNaN();
    if (Double.isFinite(w) && Double.isFinite(lastWatts)) {
      integratedJ += (lastWatts + w) / 2 * Math.max(0, seconds);
    }
    lastWatts = w;
    lastAt = now;
    double counterJ = counterCarriedJ + (mj - counterStartMj) / 1000.0;
    String detail =
        counterResets == 0
            ? description
            : description + "; counter restarted " + counterResets + " time(s), carried over";
    if (counterJ == 0 && integratedJ > 0) {
      return new SensorReading(
          integratedJ,
          w,
          Method.INTEGRATED,
          description
              + String.format(
                  Locale.ROOT,
                  "; the energy counter did not advance in %.2f s, so power was integrated",
                  Duration.between(openedAt, now).toNanos() / 1e9));
    }
    double watts = Double.isFinite(w) ? w : seconds > 0 ? sinceLastJ / seconds : Double.NaN;
    return new SensorReading(counterJ, watts, Method.COUNTER, detail);
  }

  @Override
  public void close() {
    release.run();
  }
}
