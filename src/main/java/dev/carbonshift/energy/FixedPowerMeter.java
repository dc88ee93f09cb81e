package dev.carbonshift.energy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A modelled meter at a constant, stated power: energy = watts × elapsed time on the given clock.
 * For tests and as the last-resort model when nothing else is known.
 */
public final class FixedPowerMeter implements EnergyMeter {
  private final Clock clock;
  private final Component component;
  private final double watts;

  public FixedPowerMeter(Clock clock, Component component, double watts) {
    if (!(watts >= 0)) {
      throw new IllegalArgumentException("watts must be >= 0: " + watts);
    }
    this.clock = clock;
    this.component = component;
    this.watts = watts;
  }

  @Override
  public String name() {
    return "fixed-" + watts + "W";
  }

  @Override
  public Session start() {
    Instant started = clock.instant();
    return new Session() {
      private EnergyReading last;

      @Override
      public EnergyReading read() {
        if (last != null) {
          return last;
        }
        Duration elapsed = Duration.between(started, clock.instant());
        double joules = watts * elapsed.toNanos() / 1e9;
        return new EnergyReading(
            elapsed,
            List.of(
                new ComponentEnergy(
                    component, joules, Method.MODELLED, "assumed constant " + watts + " W")));
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
