package dev.carbonshift.adapt;

import dev.carbonshift.job.Estimate;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.train.ModelVersion;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a model's past trainings of one strategy cost, learned from its registered versions (each
 * keeps the wall time and the measured kWh of the run that made it): the median of the newest
 * {@link #RECENT}. The loop plans the next retrain of that strategy on it instead of the estimate
 * its first descriptor guessed, so that the planner looks for a green window as long as the work
 * really is.
 *
 * @param runs how many past versions the medians are over
 */
public record TrainingProfile(
    Strategy strategy, int runs, Duration medianDuration, double medianKwh) {

  /** How many of the newest versions of a strategy the profile is learned from. */
  public static final int RECENT = 5;

  /**
   * The profile of {@code strategy} among {@code versions}, or empty if none has a measured run.
   */
  public static Optional<TrainingProfile> learn(List<ModelVersion> versions, Strategy strategy) {
    List<ModelVersion> recent =
        versions.stream()
            .filter(v -> v.strategy() == strategy && v.wallSeconds() > 0 && v.kwh() > 0)
            .sorted(Comparator.comparingInt(ModelVersion::version).reversed())
            .limit(RECENT)
            .toList();
    if (recent.isEmpty()) {
      return Optional.empty();
    }
    double seconds = median(recent.stream().mapToDouble(ModelVersion::wallSeconds).toArray());
    double kwh = median(recent.stream().mapToDouble(ModelVersion::kwh).toArray());
    return Optional.of(
        new TrainingProfile(
            strategy, recent.size(), Duration.ofMillis(Math.round(seconds * 1000)), kwh));
  }

  /**
   * The estimate to plan on: the median duration rounded up to whole minutes (the planner's slots
   * are no finer), and the mean power of the median run (median kWh over median time).
   */
  public Estimate estimate() {
    long minutes = Math.max(1, (medianDuration.toSeconds() + 59) / 60);
    double seconds = Math.max(1e-3, medianDuration.toMillis() / 1000.0);
    return new Estimate(Duration.ofMinutes(minutes), medianKwh * 3_600_000 / seconds);
  }

  /** For the decision's reason. */
  public String describe() {
    Estimate e = estimate();
    return String.format(
        Locale.ROOT,
        "estimate %dm at %.3g W learned from %d past %s run%s (median %.1f s, %.3g kWh)",
        e.duration().toMinutes(),
        e.powerWatts(),
        runs,
        strategy.name().toLowerCase(Locale.ROOT),
        runs == 1 ? "" : "s",
        medianDuration.toMillis() / 1000.0,
        medianKwh);
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
