package dev.carbonshift.energy.rapl;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Method;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorReading;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A RAPL energy counter in µJ. It wraps at {@code max_energy_range_uj}: a decrease means one wrap,
 * so the sensor must be polled at least once per wrap period; {@link #maxInterval()} says how
 * often, assuming at most {@value #MAX_PLAUSIBLE_WATTS} W per domain.
 */
final class RaplSensor implements Sensor {
  static final double MAX_PLAUSIBLE_WATTS = 1000;

  private final RaplDomain domain;
  private final Component component;
  private final PowercapReader reader;
  private long previousMicrojoules;
  private Instant previousAt;
  private double totalJoules;
  private int wraps;

  RaplSensor(RaplDomain domain, Component component, PowercapReader reader, Instant now) {
    this.domain = domain;
    this.component = component;
    this.reader = reader;
    this.previousMicrojoules = RaplDomain.readLong(reader, domain.energyFile());
    this.previousAt = now;
  }

  @Override
  public String key() {
    return domain.key();
  }

  @Override
  public Component component() {
    return component;
  }

  @Override
  public Method method() {
    return Method.COUNTER;
  }

  @Override
  public String detail() {
    return String.format(
        Locale.ROOT,
        "RAPL %s counter (%s), wraps at %.0f J, %d wrap(s) unwrapped; whole package, not only"
            + " this job",
        domain.name(),
        domain.energyFile(),
        domain.maxRangeMicrojoules() / 1e6,
        wraps);
  }

  @Override
  public Duration maxInterval() {
    double wrapSeconds = domain.maxRangeMicrojoules() / 1e6 / MAX_PLAUSIBLE_WATTS;
    long halfMillis = (long) (wrapSeconds * 1000 / 2);
    return Duration.ofMillis(Math.max(50, halfMillis));
  }

  @Override
  public SensorReading poll(Instant now) {
    long current = RaplDomain.readLong(reader, domain.energyFile());
    long delta = current - previousMicrojoules;
    if (delta < 0) {
      delta += domain.maxRangeMicrojoules();
      wraps++;
    }
    double joules = delta / 1e6;
    double seconds = Duration.between(previousAt, now).toNanos() / 1e9;
    totalJoules += joules;
    previousMicrojoules = current;
    previousAt = now;
    double watts = seconds > 0 ? joules / seconds : Double.NaN;
    return new SensorReading(totalJoules, watts, Method.COUNTER, detail());
  }
}
