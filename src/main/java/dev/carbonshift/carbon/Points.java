package dev.carbonshift.carbon;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Shaping the points a source parsed into what a {@link Forecast} accepts. */
public final class Points {
  private Points() {}

  /**
   * The points overlapping {@code [from, to)}, sorted by start; where two overlap, the one listed
   * first in {@code points} is kept (callers list actuals before forecasts).
   */
  public static List<IntensityPoint> merge(List<IntensityPoint> points, Instant from, Instant to) {
    // kept points never overlap, so only the neighbours by start can clash with a new one
    TreeMap<Instant, IntensityPoint> kept = new TreeMap<>();
    for (IntensityPoint p : points) {
      if (!p.end().isAfter(from) || !p.start().isBefore(to)) {
        continue;
      }
      Map.Entry<Instant, IntensityPoint> before = kept.floorEntry(p.start());
      Map.Entry<Instant, IntensityPoint> after = kept.ceilingEntry(p.start());
      boolean clash =
          (before != null && before.getValue().end().isAfter(p.start()))
              || (after != null && after.getKey().isBefore(p.end()));
      if (!clash) {
        kept.put(p.start(), p);
      }
    }
    return new ArrayList<>(kept.values());
  }
}
