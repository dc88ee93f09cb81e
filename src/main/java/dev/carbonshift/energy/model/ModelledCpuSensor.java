package dev.carbonshift.energy.model;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Method;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorException;
import dev.carbonshift.energy.SensorReading;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** CPU energy modelled as watts per busy core × CPU seconds used since opening. */
final class ModelledCpuSensor implements Sensor {
  private final CpuTimeSource cpu;
  private final CpuPowerModel model;
  private final double cpuAtStart;
  private double lastCpu;
  private Instant lastAt;

  ModelledCpuSensor(CpuTimeSource cpu, CpuPowerModel model, Instant now) {
    this.cpu = cpu;
    this.model = model;
    this.cpuAtStart = guarded(cpu::secondsBeforeStart);
    this.lastCpu = read();
    this.lastAt = now;
  }

  private double read() {
    return guarded(cpu::cpuSeconds);
  }

  private static double guarded(java.util.function.DoubleSupplier s) {
    try {
      return s.getAsDouble();
    } catch (RuntimeException e) {
      throw new SensorException(SensorException.Kind.READ_FAILED, "CPU time: " + e.getMessage(), e);
    }
  }

  @Override
  public String key() {
    return "model:cpu";
  }

  @Override
  public Component component() {
    return Component.CPU;
  }

  @Override
  public Method method() {
    return Method.MODELLED;
  }

  @Override
  public String detail() {
    return detail(0);
  }

  /**
   * Built by concatenation: it is made on every poll, and String.format costs more than the read.
   */
  private String detail(double cpuSeconds) {
    if (suffix == null) {
      suffix =
          String.format(Locale.ROOT, " × %.2f W per busy core; ", model.wattsPerCore())
              + String.join("; ", model.assumptions());
    }
    // the description names a pid that may be known only after the sensor opened
    return Math.round(cpuSeconds * 1000) / 1000.0 + " s of " + cpu.description() + suffix;
  }

  private String suffix;

  @Override
  public Duration maxInterval() {
    return Duration.ofMinutes(10);
  }

  @Override
  public SensorReading poll(Instant now) {
    double current = read();
    double seconds = Duration.between(lastAt, now).toNanos() / 1e9;
    double watts = seconds > 0 ? (current - lastCpu) * model.wattsPerCore() / seconds : Double.NaN;
    lastCpu = current;
    lastAt = now;
    double used = Math.max(0, current - cpuAtStart);
    return new SensorReading(used * model.wattsPerCore(), watts, Method.MODELLED, detail(used));
  }
}
