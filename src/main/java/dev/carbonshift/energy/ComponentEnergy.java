package dev.carbonshift.energy;

import java.util.Objects;

/**
 * Energy of one component over a measurement.
 *
 * @param joules IT energy, before PUE
 * @param detail what was read or assumed (device names, TDP used, sampling interval)
 */
public record ComponentEnergy(Component component, double joules, Method method, String detail) {
  public ComponentEnergy {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(method, "method");
    if (!Double.isFinite(joules) || joules < 0) {
      throw new IllegalArgumentException("energy must be finite and non-negative: " + joules);
    }
  }

  /** The same from kWh, as the store and reports keep it. */
  public static ComponentEnergy ofKwh(
      Component component, Method method, double kwh, String detail) {
    return new ComponentEnergy(component, kwh * 3_600_000.0, method, detail);
  }

  public double kwh() {
    return joules / 3_600_000.0;
  }
}
