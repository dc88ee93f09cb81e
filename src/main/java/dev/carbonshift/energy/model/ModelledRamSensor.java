package dev.carbonshift.energy.model;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Method;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorException;
import dev.carbonshift.energy.SensorReading;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** RAM energy modelled as W per GB × GB in use, integrated over time (trapezoids). */
final class ModelledRamSensor implements Sensor {
  private final MemorySource memory;
  private final double wattsPerGb;
  private double lastGb;
  private double peakGb;
  private Instant lastAt;
  private double joules;

  ModelledRamSensor(MemorySource memory, double wattsPerGb, Instant now) {
    this.memory = memory;
    this.wattsPerGb = wattsPerGb;
    this.lastGb = read();
    this.peakGb = lastGb;
    this.lastAt = now;
  }

  private double read() {
    try {
      return memory.gigabytes();
    } catch (RuntimeException e) {
      throw new SensorException(SensorException.Kind.READ_FAILED, "memory: " + e.getMessage(), e);
    }
  }

  @Override
  public String key() {
    return "model:ram";
  }

  @Override
  public Component component() {
    return Component.RAM;
  }

  @Override
  public Method method() {
    return Method.MODELLED;
  }

  @Override
  public String detail() {
    if (suffix == null) {
      suffix = String.format(Locale.ROOT, " × %.4f W per GB (Green Algorithms), peak ", wattsPerGb);
    }
    // the description names a pid that may be known only after the sensor opened
    return memory.description()
        + suffix
        + Math.round(peakGb * 10240) / 10.0
        + " MB, sampled and integrated";
  }

  private String suffix;

  @Override
  public Duration maxInterval() {
    return Duration.ofSeconds(10);
  }

  @Override
  public SensorReading poll(Instant now) {
    double gb = read();
    double seconds = Duration.between(lastAt, now).toNanos() / 1e9;
    if (seconds > 0) {
      joules += (lastGb + gb) / 2 * wattsPerGb * seconds;
    }
    lastGb = gb;
    lastAt = now;
    peakGb = Math.max(peakGb, gb);
    return new SensorReading(joules, gb * wattsPerGb, Method.MODELLED, detail());
  }
}
