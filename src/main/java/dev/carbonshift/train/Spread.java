package dev.carbonshift.train;

import java.util.List;
import java.util.Locale;

/** Median and range of one figure over seeds. */
public record Spread(double median, double min, double max, int n) {

  public static Spread of(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    double median =
        v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    return new Spread(median, v[0], v[v.length - 1], v.length);
  }

  public String show(String format) {
    return String.format(
        Locale.ROOT, format + " [" + format + ".." + format + "]", median, min, max);
  }
}
