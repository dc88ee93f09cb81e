package dev.carbonshift.plan;

import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.carbon.Unavailable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The planning grid: slots of one length from {@code origin}, and per region the time-weighted
 * intensity of each slot with prefix sums, so any interval's emissions cost O(1). Slots no forecast
 * covers hold the region's fallback (its yearly mean, else its forecast's mean).
 */
final class Grid {
  final long origin;
  final long step;
  final int n;
  final List<PlanRegion> regions;
  final double[][] gramsPerKwh;
  final double[][] prefix;
  final long[] coverEnd;
  final double[] fallback;
  final Signal[] signal;

  /** Why a region's intensities are not (all) a forecast, or {@code null} when they are. */
  final String[] fallbackNote;

  private final int[][] order;

  Grid(long origin, long step, int n, List<PlanRegion> regions) {
    this.origin = origin;
    this.step = step;
    this.n = n;
    this.regions = regions;
    int r = regions.size();
    gramsPerKwh = new double[r][n];
    prefix = new double[r][n + 1];
    coverEnd = new long[r];
    fallback = new double[r];
    signal = new Signal[r];
    fallbackNote = new String[r];
    order = new int[r][];
  }

  static Grid build(
      long origin,
      long step,
      int n,
      List<PlanRegion> regions,
      Map<String, ? extends ForecastResult> forecasts,
      Map<String, Double> yearly) {
    Grid g = new Grid(origin, step, n, regions);
    for (int r = 0; r < regions.size(); r++) {
      g.fill(r, forecasts.get(regions.get(r).zone()), yearly.get(regions.get(r).zone()));
    }
    return g;
  }

  private void fill(int r, ForecastResult result, Double yearlyMean) {
    String zone = regions.get(r).zone();
    Forecast f = result instanceof Forecast ff && !ff.isEmpty() ? ff : null;
    signal[r] = f == null ? Signal.AVERAGE : f.signal();
    coverEnd[r] = f == null ? Long.MIN_VALUE : f.end().getEpochSecond();
    double[] sum = new double[n];
    long[] covered = new long[n];
    double forecastSum = 0;
    long forecastSeconds = 0;
    if (f != null) {
      for (IntensityPoint p : f.points()) {
        long a = Math.max(p.start().getEpochSecond(), origin);
        long b = Math.min(p.end().getEpochSecond(), origin + n * step);
        forecastSum += p.gramsPerKwh() * (b - a);
        forecastSeconds += Math.max(0, b - a);
        for (long t = a; t < b; ) {
          int k = (int) ((t - origin) / step);
          long cellEnd = Math.min(b, origin + (k + 1) * step);
          sum[k] += p.gramsPerKwh() * (cellEnd - t);
          covered[k] += cellEnd - t;
          t = cellEnd;
        }
      }
    }
    if (yearlyMean != null) {
      fallback[r] = yearlyMean;
    } else if (forecastSeconds > 0) {
      fallback[r] = forecastSum / forecastSeconds;
    } else if (f != null) {
      fallback[r] = f.meanGramsPerKwh(f.start(), f.end()).orElse(Double.NaN);
    } else {
      fallback[r] = Double.NaN;
    }
    fallbackNote[r] = noteFor(zone, result, f, yearlyMean);
    for (int k = 0; k < n; k++) {
      double v = (sum[k] + fallback[r] * (step - covered[k])) / step;
      gramsPerKwh[r][k] = v;
      prefix[r][k + 1] = prefix[r][k] + v * step;
    }
  }

  private static String noteFor(String zone, ForecastResult result, Forecast f, Double yearly) {
    if (f != null) {
      return null;
    }
    String why =
        result instanceof Unavailable u
            ? u.source() + ": " + u.reason()
            : result == null ? "no source gave one" : "the forecast was empty";
    return yearly == null
        ? "no forecast for " + zone + " (" + why + ") and no yearly mean"
        : String.format(
            Locale.ROOT,
            "no forecast for %s (%s): used its yearly mean of %.0f g/kWh",
            zone,
            why,
            yearly);
  }

  /** The region's slots from cleanest to dirtiest (ties by time), computed once. */
  int[] cleanestFirst(int r) {
    if (order[r] == null) {
      long[] keyed = new long[n];
      for (int k = 0; k < n; k++) {
        keyed[k] = ((long) Float.floatToIntBits((float) gramsPerKwh[r][k]) << 32) | k;
      }
      java.util.Arrays.sort(keyed);
      int[] o = new int[n];
      for (int k = 0; k < n; k++) {
        o[k] = (int) (keyed[k] & 0xffffffffL);
      }
      order[r] = o;
    }
    return order[r];
  }

  boolean usable(int r) {
    return !Double.isNaN(fallback[r]);
  }

  int cellOf(long t) {
    long k = Math.floorDiv(t - origin, step);
    return (int) Math.max(0, Math.min(n - 1, k));
  }

  long cellStart(int k) {
    return origin + k * step;
  }

  long end() {
    return origin + n * step;
  }

  /** ∫ intensity dt from the grid's origin to {@code t}, in g/kWh × seconds. */
  double cumulative(int r, long t) {
    if (t <= origin) {
      return (t - origin) * gramsPerKwh[r][0];
    }
    if (t >= end()) {
      return prefix[r][n] + (t - end()) * fallback[r];
    }
    int k = (int) ((t - origin) / step);
    return prefix[r][k] + gramsPerKwh[r][k] * (t - cellStart(k));
  }

  /** Grams CO2e of running at {@code powerKw} IT power in region {@code r} over {@code [a, b)}. */
  double grams(int r, long a, long b, double powerKw) {
    return powerKw * regions.get(r).pue() * (cumulative(r, b) - cumulative(r, a)) / 3600.0;
  }
}
