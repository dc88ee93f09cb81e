package dev.carbonshift.energy;

import java.time.Instant;
import java.util.Objects;

/**
 * One point of a sensor's series, for charts and for weighting intensity by when energy was used.
 *
 * @param series the sensor's key, e.g. {@code gpu0}, {@code rapl:package-0}
 * @param joules IT energy of this series since the measurement started (cumulative)
 * @param watts power read at this point, {@code NaN} when the sensor gives none
 */
public record EnergySample(
    Instant at, String series, Component component, Method method, double joules, double watts) {
  public EnergySample {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(method, "method");
  }
}
