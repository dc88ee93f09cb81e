package dev.carbonshift.sim;

import dev.carbonshift.carbon.trace.Trace;

/**
 * What runs really emitted: the integral of a trace's intensity over any interval, from prefix
 * sums. Outside the trace the nearest end's value holds (and the simulation checks that the
 * workload lies within the traces).
 */
final class Actuals {
  final Trace trace;
  private final double[] prefix;

  Actuals(Trace trace) {
    this.trace = trace;
    long[] t = trace.startEpochSeconds();
    double[] g = trace.gramsPerKwh();
    prefix = new double[t.length + 1];
    for (int i = 0; i < t.length; i++) {
      long end = i + 1 < t.length ? t[i + 1] : t[i] + trace.step().toSeconds();
      prefix[i + 1] = prefix[i] + g[i] * (end - t[i]);
    }
  }

  /** ∫ g dt from the trace's start to {@code t}, in g/kWh × seconds. */
  double cumulative(long t) {
    long[] s = trace.startEpochSeconds();
    double[] g = trace.gramsPerKwh();
    if (t <= s[0]) {
      return (t - s[0]) * g[0];
    }
    int i = trace.indexAt(t);
    if (i < 0) {
      long end = trace.end().getEpochSecond();
      return prefix[s.length] + (t - end) * g[g.length - 1];
    }
    return prefix[i] + g[i] * (t - s[i]);
  }

  /** Grams at {@code powerKw} IT power and {@code pue} over {@code [a, b)} epoch seconds. */
  double grams(long a, long b, double powerKw, double pue) {
    return powerKw * pue * (cumulative(b) - cumulative(a)) / 3600.0;
  }
}
