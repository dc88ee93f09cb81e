package dev.carbonshift.carbon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Intensities of one zone, as known at {@code issuedAt}: points sorted by start, not overlapping,
 * possibly of any step and with gaps. Points may be forecasts, actuals or estimates (each says
 * which); one forecast carries one {@link Signal}.
 */
public record Forecast(String zone, Instant issuedAt, List<IntensityPoint> points)
    implements ForecastResult {

  public Forecast {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(issuedAt, "issuedAt");
    List<IntensityPoint> sorted = new ArrayList<>(points);
    sorted.sort(Comparator.comparing(IntensityPoint::start));
    for (int i = 0; i < sorted.size(); i++) {
      IntensityPoint p = sorted.get(i);
      if (!p.zone().equals(zone)) {
        throw new IllegalArgumentException(
            "point of zone " + p.zone() + " in a forecast for " + zone);
      }
      if (p.signal() != sorted.get(0).signal()) {
        throw new IllegalArgumentException(
            "forecast for " + zone + " mixes average and marginal signals");
      }
      if (i > 0 && p.start().isBefore(sorted.get(i - 1).end())) {
        throw new IllegalArgumentException(
            "overlapping intensity points for " + zone + " at " + p.start());
      }
    }
    points = List.copyOf(sorted);
  }

  public boolean isEmpty() {
    return points.isEmpty();
  }

  /** Start of the first point; the forecast must not be empty. */
  public Instant start() {
    return points.get(0).start();
  }

  /** End of the last point; the forecast must not be empty. */
  public Instant end() {
    return points.get(points.size() - 1).end();
  }

  public Signal signal() {
    return points.isEmpty() ? Signal.AVERAGE : points.get(0).signal();
  }

  /**
   * Time-weighted mean intensity over {@code [from, to)}, or empty if any part of the interval is
   * not covered by a point (a gap or beyond the horizon).
   */
  public OptionalDouble meanGramsPerKwh(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("empty interval " + from + " .. " + to);
    }
    double gramSeconds = 0;
    Instant covered = from;
    for (IntensityPoint p : points) {
      if (!p.end().isAfter(covered)) {
        continue;
      }
      if (p.start().isAfter(covered) || !p.start().isBefore(to)) {
        break;
      }
      Instant segEnd = p.end().isBefore(to) ? p.end() : to;
      gramSeconds += p.gramsPerKwh() * secondsBetween(covered, segEnd);
      covered = segEnd;
      if (!covered.isBefore(to)) {
        return OptionalDouble.of(gramSeconds / secondsBetween(from, to));
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * Mean intensity over {@code [from, to)} as accounting needs it: the time-weighted mean, the
   * least trustworthy kind of value used, and the share of actual values; empty when the points do
   * not cover the whole interval.
   */
  public Optional<IntensityOver> over(Instant from, Instant to) {
    OptionalDouble mean = meanGramsPerKwh(from, to);
    if (mean.isEmpty()) {
      return Optional.empty();
    }
    List<IntensityPoint> pts = between(from, to);
    IntensityKind basis = IntensityKind.ACTUAL;
    double actual = 0;
    for (IntensityPoint p : pts) {
      basis = basis.worst(p.kind());
      Instant a = p.start().isAfter(from) ? p.start() : from;
      Instant b = p.end().isBefore(to) ? p.end() : to;
      actual += p.kind() == IntensityKind.ACTUAL ? secondsBetween(a, b) : 0;
    }
    return Optional.of(
        new IntensityOver(
            mean.getAsDouble(), basis, actual / secondsBetween(from, to), 1, pts.get(0).source()));
  }

  /** Points that overlap {@code [from, to)}. */
  public List<IntensityPoint> between(Instant from, Instant to) {
    return points.stream().filter(p -> p.end().isAfter(from) && p.start().isBefore(to)).toList();
  }

  private static double secondsBetween(Instant a, Instant b) {
    return Duration.between(a, b).toNanos() / 1e9;
  }
}
