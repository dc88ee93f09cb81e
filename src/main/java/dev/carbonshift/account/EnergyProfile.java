package dev.carbonshift.account;

import dev.carbonshift.energy.EnergySample;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When a run used its energy: the run cut into equal slices, each with its share of the energy,
 * from the cumulative samples (uniform power between two samples of a series). Without samples,
 * every slice gets the same share, so weighting by energy becomes weighting by time.
 */
final class EnergyProfile {
  /** At most this many intensity look-ups per run. */
  static final int MAX_SLICES = 96;

  static final Duration MIN_SLICE = Duration.ofMinutes(5);

  final Instant start;
  final Duration slice;
  final double[] weights;

  private EnergyProfile(Instant start, Duration slice, double[] weights) {
    this.start = start;
    this.slice = slice;
    this.weights = weights;
  }

  static EnergyProfile of(Instant start, Instant end, List<EnergySample> samples) {
    long total = Math.max(1, Duration.between(start, end).toNanos());
    int n =
        (int) Math.max(1, Math.min(MAX_SLICES, Math.ceil((double) total / MIN_SLICE.toNanos())));
    Duration slice = Duration.ofNanos((total + n - 1) / n);
    double[] w = new double[n];
    Map<String, List<EnergySample>> bySeries = new LinkedHashMap<>();
    samples.forEach(s -> bySeries.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s));
    for (List<EnergySample> series : bySeries.values()) {
      Instant prevAt = start;
      double prevJ = 0;
      for (EnergySample s : series) {
        spread(w, start, slice, prevAt, s.at(), s.joules() - prevJ);
        prevAt = s.at();
        prevJ = s.joules();
      }
    }
    double sum = 0;
    for (double x : w) {
      sum += x;
    }
    for (int i = 0; i < n; i++) {
      w[i] = sum > 0 ? w[i] / sum : 1.0 / n;
    }
    return new EnergyProfile(start, slice, w);
  }

  /** Adds {@code joules}, used evenly over {@code [a, b)}, to the slices it overlaps. */
  private static void spread(
      double[] w, Instant start, Duration slice, Instant a, Instant b, double joules) {
    long from = Duration.between(start, a).toNanos();
    long to = Duration.between(start, b).toNanos();
    if (joules <= 0) {
      return;
    }
    if (to <= from) {
      int i = clamp((int) (from / slice.toNanos()), w.length);
      w[i] += joules;
      return;
    }
    long len = slice.toNanos();
    for (int i = clamp((int) (from / len), w.length); i < w.length; i++) {
      long s = i * len;
      long e = s + len;
      long overlap = Math.min(e, to) - Math.max(s, from);
      if (overlap > 0) {
        w[i] += joules * overlap / (to - from);
      }
      if (e >= to) {
        break;
      }
    }
  }

  private static int clamp(int i, int n) {
    return Math.max(0, Math.min(n - 1, i));
  }

  Instant sliceStart(int i) {
    return start.plus(slice.multipliedBy(i));
  }
}
