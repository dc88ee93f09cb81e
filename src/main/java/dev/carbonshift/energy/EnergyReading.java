package dev.carbonshift.energy;

import java.time.Duration;
import java.util.List;

/** Energy used since a measurement started, per component. */
public record EnergyReading(Duration elapsed, List<ComponentEnergy> components) {
  public EnergyReading {
    components = List.copyOf(components);
  }

  public double totalJoules() {
    return components.stream().mapToDouble(ComponentEnergy::joules).sum();
  }

  public double totalKwh() {
    return totalJoules() / 3_600_000.0;
  }
}
