package dev.carbonshift.adapt.detect;

/**
 * Page-Hinkley test for an increase in the mean of a stream (here, a model's error): the
 * cumulative, fading sum of each value's excess over the running mean, minus a tolerance {@code
 * delta}; an alarm when that sum rises more than {@code lambda} above its lowest point, after at
 * least {@code minInstances} values. Defaults are River's (REFERENCE §8).
 */
public final class PageHinkley {
  public static final int DEFAULT_MIN_INSTANCES = 30;
  public static final double DEFAULT_DELTA = 0.005;
  public static final double DEFAULT_LAMBDA = 50;
  public static final double DEFAULT_ALPHA = 0.9999;

  private final int minInstances;
  private final double delta;
  private final double lambda;
  private final double alpha;
  private long n;
  private double mean;
  private double sum;
  private double min;

  public PageHinkley(int minInstances, double delta, double lambda, double alpha) {
    if (minInstances < 1 || delta < 0 || lambda <= 0 || alpha <= 0 || alpha > 1) {
      throw new IllegalArgumentException(
          "Page-Hinkley needs minInstances >= 1, delta >= 0, lambda > 0 and 0 < alpha <= 1");
    }
    this.minInstances = minInstances;
    this.delta = delta;
    this.lambda = lambda;
    this.alpha = alpha;
    reset();
  }

  public static PageHinkley withDefaults() {
    return new PageHinkley(DEFAULT_MIN_INSTANCES, DEFAULT_DELTA, DEFAULT_LAMBDA, DEFAULT_ALPHA);
  }

  /** Adds one value; true when it raises the alarm (the detector then starts afresh). */
  public boolean add(double x) {
    if (!Double.isFinite(x)) {
      return false;
    }
    n++;
    mean += (x - mean) / n;
    sum = alpha * sum + (x - mean - delta);
    min = Math.min(min, sum);
    if (n >= minInstances && statistic() > lambda) {
      reset();
      return true;
    }
    return false;
  }

  /** How far the cumulative sum stands above its lowest point; the alarm is at {@code lambda}. */
  public double statistic() {
    return sum - min;
  }

  public double lambda() {
    return lambda;
  }

  public long count() {
    return n;
  }

  public void reset() {
    n = 0;
    mean = 0;
    sum = 0;
    min = 0;
  }
}
