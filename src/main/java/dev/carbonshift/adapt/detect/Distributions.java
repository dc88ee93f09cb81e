package dev.carbonshift.adapt.detect;

import java.util.Arrays;

/**
 * Distances between a reference sample and a recent one: population stability index (input drift),
 * the two-sample Kolmogorov–Smirnov statistic with its asymptotic p-value, and the Kullback–Leibler
 * divergence of histograms (prediction drift, as the seed case study).
 */
public final class Distributions {
  /** PSI above this is a shift worth acting on (Evidently's default, REFERENCE §8). */
  public static final double PSI_THRESHOLD = 0.1;

  /** KS drift at p below this (Evidently's default for up to 1,000 reference rows). */
  public static final double KS_P_VALUE = 0.05;

  /** Histogram bins for the KL divergence of predictions (the case study used 50). */
  public static final int KL_BINS = 50;

  /** The case study compared histograms of at least this many predictions. */
  public static final int KL_MIN_SAMPLES = 100;

  private static final double EPS = 1e-4;

  private Distributions() {}

  /** PSI over ten bins at the reference's deciles; 0 when either sample is empty. */
  public static double psi(double[] reference, double[] recent) {
    if (reference.length == 0 || recent.length == 0) {
      return 0;
    }
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    double[] edges = new double[9];
    for (int i = 1; i <= 9; i++) {
      edges[i - 1] = sorted[Math.min(sorted.length - 1, (int) (i * sorted.length / 10.0))];
    }
    double[] p = shares(reference, edges);
    double[] q = shares(recent, edges);
    double psi = 0;
    for (int i = 0; i < p.length; i++) {
      psi += (q[i] - p[i]) * Math.log(q[i] / p[i]);
    }
    return psi;
  }

  /** The largest gap between the two empirical distribution functions. */
  public static double ks(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      return 0;
    }
    double[] x = a.clone();
    double[] y = b.clone();
    Arrays.sort(x);
    Arrays.sort(y);
    int i = 0;
    int j = 0;
    double d = 0;
    while (i < x.length && j < y.length) {
      double v = Math.min(x[i], y[j]);
      while (i < x.length && x[i] <= v) {
        i++;
      }
      while (j < y.length && y[j] <= v) {
        j++;
      }
      d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
    }
    return d;
  }

  /** Asymptotic p-value of a KS statistic {@code d} for samples of sizes n and m. */
  public static double ksPValue(double d, int n, int m) {
    double en = Math.sqrt((double) n * m / (n + m));
    double lambda = (en + 0.12 + 0.11 / en) * d;
    double sum = 0;
    for (int k = 1; k <= 100; k++) {
      double term = 2 * Math.pow(-1, k - 1) * Math.exp(-2 * k * k * lambda * lambda);
      sum += term;
      if (Math.abs(term) < 1e-10) {
        break;
      }
    }
    return Math.max(0, Math.min(1, sum));
  }

  /**
   * KL(recent ‖ reference) of histograms over {@code bins} equal bins spanning both samples, each
   * bin smoothed by a small share so that an empty reference bin gives a large, finite value.
   */
  public static double kl(double[] reference, double[] recent, int bins) {
    if (reference.length == 0 || recent.length == 0) {
      return 0;
    }
    double lo = Math.min(min(reference), min(recent));
    double hi = Math.max(max(reference), max(recent));
    if (!(hi > lo)) {
      return 0;
    }
    double[] p = histogram(reference, lo, hi, bins);
    double[] q = histogram(recent, lo, hi, bins);
    double kl = 0;
    for (int i = 0; i < bins; i++) {
      kl += q[i] * Math.log(q[i] / p[i]);
    }
    return kl;
  }

  private static double[] histogram(double[] xs, double lo, double hi, int bins) {
    double[] h = new double[bins];
    for (double x : xs) {
      int b = (int) ((x - lo) / (hi - lo) * bins);
      h[Math.max(0, Math.min(bins - 1, b))]++;
    }
    return normalise(h, xs.length);
  }

  private static double[] shares(double[] xs, double[] edges) {
    double[] h = new double[edges.length + 1];
    for (double x : xs) {
      int b = 0;
      while (b < edges.length && x > edges[b]) {
        b++;
      }
      h[b]++;
    }
    return normalise(h, xs.length);
  }

  private static double[] normalise(double[] h, int n) {
    double total = n + EPS * h.length;
    for (int i = 0; i < h.length; i++) {
      h[i] = (h[i] + EPS) / total;
    }
    return h;
  }

  private static double min(double[] xs) {
    return Arrays.stream(xs).min().orElse(0);
  }

  private static double max(double[] xs) {
    return Arrays.stream(xs).max().orElse(0);
  }
}
