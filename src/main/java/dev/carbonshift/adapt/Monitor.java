package dev.carbonshift.adapt;

import dev.carbonshift.adapt.detect.Distributions;
import dev.carbonshift.adapt.detect.PageHinkley;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The Monitor step for one production model: keeps the newest days of its forecasts and the naive
 * forecast's, and runs Page-Hinkley on its error, scaled by the serving version's own held-out MAE
 * (so that λ means the same for every model and unit). The other variant's forecasts (a shadow
 * forecast, the costliest thing the loop does) are not asked for every day: once a window's worth
 * of days is new since the last review ({@link #shadowDue()}), the caller forecasts that window
 * with the other variant in one pass ({@link #shadow}), and on that day the two are compared on the
 * same hours; on other days {@code otherMae} is unknown and no rule that compares the variants
 * holds.
 */
public final class Monitor {
  private final Policy policy;
  private final PageHinkley detector;
  private final Deque<Day> days = new ArrayDeque<>();
  private double scale = Double.NaN;
  private double[] referenceInputs = new double[0];
  private double[] referencePredictions;
  private boolean alarm;
  private int sinceReview;

  private record Day(
      double[] predicted, double[] actual, double[] naive, double[] other, double[] inputs) {}

  public Monitor(Policy policy) {
    this.policy = policy;
    Policy.Detector d = policy.detector();
    this.detector = new PageHinkley(d.minInstances(), d.delta(), d.lambda(), d.alpha());
  }

  /**
   * A new version serves from now: the detector starts afresh.
   *
   * @param heldOutMae the version's MAE on its held-out window, the scale of its errors
   * @param trainingInputs the input values of its training window, the reference for PSI
   */
  public void serving(double heldOutMae, double[] trainingInputs) {
    scale = heldOutMae > 0 ? heldOutMae : Double.NaN;
    referenceInputs = trainingInputs.clone();
    referencePredictions = null;
    detector.reset();
    alarm = false;
    days.clear();
    sinceReview = 0;
  }

  /** One day of labelled data: the serving model's forecasts, the truth and the naive ones. */
  public void observe(double[] predicted, double[] actual, double[] naive, double[] inputs) {
    days.addLast(new Day(predicted, actual, naive, null, inputs));
    sinceReview++;
    while (days.size() > policy.window()) {
      days.removeFirst();
    }
    if (referencePredictions == null && days.size() == policy.window()) {
      referencePredictions = concat(Day::predicted);
    }
    for (int i = 0; i < actual.length; i++) {
      if (Double.isFinite(scale) && detector.add(Math.abs(predicted[i] - actual[i]) / scale)) {
        alarm = true;
      }
    }
  }

  /**
   * Whether the window is full and every day of it is new since the last shadow review: the day to
   * forecast the window with the other variant and compare the two.
   */
  public boolean shadowDue() {
    return days.size() == policy.window() && sinceReview >= policy.window();
  }

  /** Hours in the window now, oldest first: what a shadow forecast of it must cover. */
  public int windowSamples() {
    return days.stream().mapToInt(d -> d.actual().length).sum();
  }

  /**
   * The other variant's forecasts of the window's hours, oldest first ({@link #windowSamples()} of
   * them), made in one pass on a review day.
   */
  public void shadow(double[] other) {
    if (other.length != windowSamples()) {
      throw new IllegalArgumentException(
          "a shadow forecast of " + other.length + " hours for a window of " + windowSamples());
    }
    Deque<Day> withOther = new ArrayDeque<>();
    int at = 0;
    for (Day d : days) {
      int n = d.actual().length;
      withOther.addLast(
          new Day(
              d.predicted(),
              d.actual(),
              d.naive(),
              Arrays.copyOfRange(other, at, at + n),
              d.inputs()));
      at += n;
    }
    days.clear();
    days.addAll(withOther);
    sinceReview = 0;
  }

  /** The loop acted on what it saw (retrained or switched): the error alarm is consumed. */
  public void acted() {
    detector.reset();
    alarm = false;
  }

  public Signals signals(
      String model,
      String variant,
      double recentKwh,
      double recentKg,
      double intensityNow,
      double intensityMinAhead,
      double daysSinceTrain) {
    // errors and input shift are judged on a full window only: a day or two says little
    boolean full = days.size() >= policy.window();
    double[] p = full ? concat(Day::predicted) : new double[0];
    double[] a = concat(Day::actual);
    double[] n = concat(Day::naive);
    double[] o = concat(Day::other);
    double kl =
        referencePredictions == null || p.length < Distributions.KL_MIN_SAMPLES
            ? Double.NaN
            : Distributions.kl(referencePredictions, p, Distributions.KL_BINS);
    return new Signals(
        model,
        variant,
        mae(p, a),
        mae(n, a),
        alarm,
        detector.statistic(),
        full ? Distributions.psi(referenceInputs, concat(Day::inputs)) : Double.NaN,
        kl,
        mae(o, a),
        recentKwh,
        recentKg,
        intensityNow,
        intensityMinAhead,
        daysSinceTrain);
  }

  private double[] concat(java.util.function.Function<Day, double[]> f) {
    return days.stream().map(f).filter(x -> x != null).flatMapToDouble(Arrays::stream).toArray();
  }

  static double mae(double[] p, double[] a) {
    if (p.length != a.length || p.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      s += Math.abs(p[i] - a[i]);
    }
    return s / p.length;
  }
}
