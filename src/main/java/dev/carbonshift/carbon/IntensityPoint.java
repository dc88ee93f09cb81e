package dev.carbonshift.carbon;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Carbon intensity of one zone's grid over {@code [start, end)}.
 *
 * @param zone Electricity Maps zone id (e.g. {@code ES}, {@code US-CAL-CISO})
 * @param gramsPerKwh grams CO2-equivalent per kWh
 * @param source name of the source that produced the value (e.g. {@code electricitymaps})
 */
public record IntensityPoint(
    String zone,
    Instant start,
    Instant end,
    double gramsPerKwh,
    IntensityKind kind,
    Signal signal,
    EmissionFactor factor,
    String source) {

  /**
   * No grid emits more: the dirtiest (lignite, oil peakers at the margin) stay under about 1,500
   * g/kWh. Anything above is a unit mix-up or garbage, and one such value would pull every plan.
   */
  public static final double MAX_GRAMS_PER_KWH = 5000;

  public IntensityPoint {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(signal, "signal");
    Objects.requireNonNull(factor, "factor");
    Objects.requireNonNull(source, "source");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("intensity point must end after it starts: " + start);
    }
    if (!Double.isFinite(gramsPerKwh) || gramsPerKwh < 0) {
      throw new IllegalArgumentException(
          "intensity must be a finite, non-negative number: " + gramsPerKwh);
    }
  }

  public Duration length() {
    return Duration.between(start, end);
  }

  public boolean covers(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
