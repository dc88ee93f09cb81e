package dev.carbonshift.account;

import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityOver;
import java.time.Instant;
import java.util.Optional;

/**
 * Carbon intensity a run saw: for a zone and a period, the time-weighted mean, from actual values
 * where they exist and forecasts elsewhere, marked accordingly. The daemon wires it to the carbon
 * sources; {@link SeriesTimeline} serves tests and replays; {@link #constant} serves {@code
 * measure} with a yearly average.
 */
@FunctionalInterface
public interface IntensityTimeline {

  /** Mean intensity of {@code zone} over {@code [from, to)}; empty when nothing covers it. */
  Optional<IntensityOver> over(String zone, Instant from, Instant to);

  /** One value for every zone and time, e.g. a yearly average marked {@code ESTIMATE}. */
  static IntensityTimeline constant(double gramsPerKwh, IntensityKind basis, String source) {
    IntensityOver v =
        new IntensityOver(gramsPerKwh, basis, basis == IntensityKind.ACTUAL ? 1 : 0, 1, source);
    return (zone, from, to) -> Optional.of(v);
  }
}
