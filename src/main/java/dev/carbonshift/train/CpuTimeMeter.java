package dev.carbonshift.train;

import com.sun.management.OperatingSystemMXBean;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.energy.EnergyReading;
import dev.carbonshift.energy.Method;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A modelled meter that charges a stated power per busy core: energy = watts × CPU seconds of this
 * process. Unlike watts × wall time it does not count time spent waiting for a shared machine's
 * cores, so comparisons between runs hold up while others use the machine.
 */
final class CpuTimeMeter implements EnergyMeter {
  private final Clock clock;
  private final double wattsPerCore;
  private final LongSupplier cpuNanos;

  CpuTimeMeter(Clock clock, double wattsPerCore, LongSupplier cpuNanos) {
    this.clock = clock;
    this.wattsPerCore = wattsPerCore;
    this.cpuNanos = cpuNanos;
  }

  /** Reads this JVM's CPU time, every thread included (ND4J's native threads too). */
  static CpuTimeMeter ofThisProcess(Clock clock, double wattsPerCore) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new CpuTimeMeter(clock, wattsPerCore, os::getProcessCpuTime);
  }

  @Override
  public String name() {
    return "cpu-time-" + wattsPerCore + "W/core";
  }

  @Override
  public Session start() {
    Instant started = clock.instant();
    long cpuStart = cpuNanos.getAsLong();
    return new Session() {
      private EnergyReading last;

      @Override
      public EnergyReading read() {
        if (last != null) {
          return last;
        }
        double joules = wattsPerCore * (cpuNanos.getAsLong() - cpuStart) / 1e9;
        return new EnergyReading(
            Duration.between(started, clock.instant()),
            List.of(
                new ComponentEnergy(
                    Component.CPU,
                    Math.max(0, joules),
                    Method.MODELLED,
                    "assumed " + wattsPerCore + " W per busy core × process CPU time")));
      }

      @Override
      public EnergyReading stop() {
        if (last == null) {
          last = read();
        }
        return last;
      }
    };
  }
}
