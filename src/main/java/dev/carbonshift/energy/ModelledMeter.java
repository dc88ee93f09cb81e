package dev.carbonshift.energy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The one meter that states a power instead of reading a sensor: energy = watts × nanoseconds of a
 * counter, where the counter is either the clock (a constant power over wall time) or CPU time (a
 * power per busy core, which does not count time spent waiting for a shared machine's cores). Its
 * readings say {@link Method#MODELLED} and what was assumed.
 */
public final class ModelledMeter implements EnergyMeter {
  private final Clock clock;
  private final Component component;
  private final double watts;
  private final Supplier<LongSupplier> nanos;
  private final long resolutionNanos;
  private final String name;
  private final String assumed;

  private ModelledMeter(
      Clock clock,
      Component component,
      double watts,
      Supplier<LongSupplier> nanos,
      long resolutionNanos,
      String name,
      String assumed) {
    if (!(watts >= 0)) {
      throw new IllegalArgumentException("watts must be >= 0: " + watts);
    }
    this.clock = clock;
    this.component = component;
    this.watts = watts;
    this.nanos = nanos;
    this.resolutionNanos = resolutionNanos;
    this.name = name;
    this.assumed = assumed;
  }

  /**
   * A constant, stated power over the clock's elapsed time: for tests and as the last-resort model
   * when nothing else is known.
   */
  public static ModelledMeter constantPower(Clock clock, Component component, double watts) {
    return new ModelledMeter(
        clock,
        component,
        watts,
        () ->
            () -> {
              Instant t = clock.instant();
              return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            },
        1L,
        "fixed-" + watts + "W",
        "constant " + watts + " W");
  }

  /**
   * A stated power per busy core × CPU time.
   *
   * @param cpuNanos called when a session starts, on the starting thread: the CPU-time counter (in
   *     nanoseconds) that session reads
   * @param resolutionNanos the counter's step, e.g. the kernel's 10 ms tick for a whole process
   * @param scope whose CPU time it is, for the method line
   */
  public static ModelledMeter perBusyCore(
      Clock clock,
      double wattsPerCore,
      Supplier<LongSupplier> cpuNanos,
      long resolutionNanos,
      String scope) {
    return new ModelledMeter(
        clock,
        Component.CPU,
        wattsPerCore,
        cpuNanos,
        resolutionNanos,
        "cpu-time-" + wattsPerCore + "W/core",
        wattsPerCore + " W per busy core × " + scope);
  }

  /** The smallest energy this meter tells apart from zero; below it a figure is noise. */
  public double resolutionJoules() {
    return watts * resolutionNanos / 1e9;
  }

  /** What it assumes, for the method line of a report. */
  public String method() {
    return assumed;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Session start() {
    Instant started = clock.instant();
    LongSupplier counter = nanos.get();
    long atStart = counter.getAsLong();
    return new Session() {
      private EnergyReading last;

      @Override
      public synchronized EnergyReading read() {
        if (last != null) {
          return last;
        }
        double joules = watts * Math.max(0, counter.getAsLong() - atStart) / 1e9;
        return new EnergyReading(
            Duration.between(started, clock.instant()),
            List.of(new ComponentEnergy(component, joules, Method.MODELLED, "assumed " + assumed)));
      }

      @Override
      public synchronized EnergyReading stop() {
        if (last == null) {
          last = read();
        }
        return last;
      }
    };
  }
}
