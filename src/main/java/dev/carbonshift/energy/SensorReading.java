package dev.carbonshift.energy;

import java.util.Objects;

/**
 * What a sensor read.
 *
 * @param joules IT energy since the sensor was opened
 * @param watts power now (or over the last interval); {@code NaN} when unknown
 * @param method how {@code joules} was obtained; may be weaker than the sensor's opening method
 * @param detail what was read or assumed, for this reading
 */
public record SensorReading(double joules, double watts, Method method, String detail) {
  public SensorReading {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(detail, "detail");
    if (!Double.isFinite(joules) || joules < 0) {
      throw new IllegalArgumentException("energy must be finite and non-negative: " + joules);
    }
  }
}
