package dev.carbonshift.carbon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Shaping the points a source parsed into what a {@link Forecast} accepts. */
public final class Points {
  private Points() {}

  /**
   * The points overlapping {@code [from, to)}, sorted by start; where two overlap, the one listed
   * first in {@code points} is kept (callers list actuals before forecasts).
   */
  public static List<IntensityPoint> merge(List<IntensityPoint> points, Instant from, Instant to) {
    List<IntensityPoint> kept = new ArrayList<>();
    for (IntensityPoint p : points) {
      if (!p.end().isAfter(from) || !p.start().isBefore(to)) {
        continue;
      }
      boolean clash =
          kept.stream().anyMatch(k -> p.start().isBefore(k.end()) && k.start().isBefore(p.end()));
      if (!clash) {
        kept.add(p);
      }
    }
    kept.sort(Comparator.comparing(IntensityPoint::start));
    return kept;
  }
}
