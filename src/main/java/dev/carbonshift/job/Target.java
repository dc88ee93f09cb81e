package dev.carbonshift.job;

/**
 * The quality a training run aims for; training stops early once reached.
 *
 * @param metric one of {@code mae}, {@code rmse}, {@code r2} (every model is a regression model)
 */
public record Target(String metric, double threshold) {

  /** Whether larger values of the metric are better. */
  public boolean higherIsBetter() {
    return metric.equals("r2");
  }

  public boolean reachedBy(double value) {
    return higherIsBetter() ? value >= threshold : value <= threshold;
  }
}
