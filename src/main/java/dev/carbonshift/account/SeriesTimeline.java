package dev.carbonshift.account;

import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityOver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A timeline from explicit intensity slots, e.g. hourly actuals and forecasts. Where an actual and
 * a forecast cover the same time, the actual wins.
 */
public final class SeriesTimeline implements IntensityTimeline {

  /** One value over {@code [start, end)}. */
  public record Slot(
      String zone,
      Instant start,
      Instant end,
      double gramsPerKwh,
      IntensityKind basis,
      String source) {
    public Slot {
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(basis, "basis");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("slot must end after it starts: " + start);
      }
    }
  }

  private final List<Slot> slots;

  public SeriesTimeline(List<Slot> slots) {
    this.slots =
        slots.stream()
            .sorted(Comparator.comparing(Slot::start).thenComparing(Slot::basis))
            .toList();
  }

  @Override
  public Optional<IntensityOver> over(String zone, Instant from, Instant to) {
    List<Slot> mine = slots.stream().filter(s -> s.zone().equals(zone)).toList();
    TreeSet<Instant> cuts = new TreeSet<>(List.of(from, to));
    for (Slot s : mine) {
      if (s.start().isAfter(from) && s.start().isBefore(to)) {
        cuts.add(s.start());
      }
      if (s.end().isAfter(from) && s.end().isBefore(to)) {
        cuts.add(s.end());
      }
    }
    double covered = 0;
    double actual = 0;
    double weighted = 0;
    IntensityKind basis = IntensityKind.ACTUAL;
    List<String> sources = new ArrayList<>();
    Instant a = null;
    for (Instant b : cuts) {
      if (a != null) {
        Optional<Slot> best = best(mine, a);
        if (best.isPresent()) {
          double seconds = Duration.between(a, b).toNanos() / 1e9;
          Slot s = best.get();
          covered += seconds;
          weighted += s.gramsPerKwh() * seconds;
          actual += s.basis() == IntensityKind.ACTUAL ? seconds : 0;
          basis = basis.worst(s.basis());
          if (!sources.contains(s.source())) {
            sources.add(s.source());
          }
        }
      }
      a = b;
    }
    if (covered <= 0) {
      return Optional.empty();
    }
    double total = Duration.between(from, to).toNanos() / 1e9;
    return Optional.of(
        new IntensityOver(
            weighted / covered,
            basis,
            actual / covered,
            total > 0 ? covered / total : 1,
            sources.stream().collect(Collectors.joining(", "))));
  }

  /** The most trustworthy slot covering {@code t}. */
  private static Optional<Slot> best(List<Slot> slots, Instant t) {
    return slots.stream()
        .filter(s -> !t.isBefore(s.start()) && t.isBefore(s.end()))
        .min(Comparator.comparing(Slot::basis));
  }
}
