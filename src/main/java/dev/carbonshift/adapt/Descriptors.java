package dev.carbonshift.adapt;

import dev.carbonshift.job.JobKind;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * The job descriptor a tactic submits: the same YAML a user would write, so it goes through the one
 * parser and the one queue.
 */
public final class Descriptors {
  private Descriptors() {}

  /**
   * @param dataPath hourly CSV with columns {@code Time} and {@code Carbon Intensity}
   * @param from first row of the data (inclusive); to the last (exclusive)
   * @param baseModel the version an incremental or transfer run starts from ({@code name:version})
   * @param seed the network's seed
   */
  public static String retrain(
      String jobName,
      String model,
      Variant variant,
      Tactic tactic,
      String baseModel,
      String dataPath,
      String timeColumn,
      String label,
      LocalDateTime from,
      LocalDateTime to,
      Duration deadline,
      String region,
      long seed) {
    String strategy = lower(tactic.strategy());
    String kind = lower(JobKind.defaultingTo(tactic.strategy()));
    String net =
        tactic == Tactic.INCREMENTAL ? variant.incrementalNetworkYaml() : variant.networkYaml();
    StringBuilder b = new StringBuilder();
    b.append("name: ").append(jobName).append('\n');
    b.append("team: adapt\n");
    b.append("kind: ").append(kind).append('\n');
    b.append("strategy: ").append(strategy).append('\n');
    b.append("model: ").append(model).append('\n');
    if (!strategy.equals("scratch")) {
      b.append("baseModel: ").append(baseModel == null ? "latest" : baseModel).append('\n');
    }
    b.append("dataset:\n");
    b.append("  path: ").append(quote(dataPath)).append('\n');
    b.append("  timeColumn: ").append(quote(timeColumn)).append('\n');
    b.append("  label: ").append(quote(label)).append('\n');
    b.append("  from: ").append(from).append('\n');
    b.append("  to: ").append(to).append('\n');
    b.append("  window: 24\n  horizon: 24\n");
    b.append("network:\n");
    for (String line : net.split("\n")) {
      b.append("  ").append(line).append('\n');
    }
    if (tactic == Tactic.TRANSFER) {
      b.append("  freezeLayers: 1\n");
    }
    b.append("  seed: ").append(seed).append('\n');
    b.append("estimate: {duration: 1h, powerWatts: 100}\n");
    b.append("deadline: ").append(deadline.toMinutes()).append("m\n");
    b.append("regions: [").append(region).append("]\n");
    b.append("home: ").append(region).append('\n');
    return b.toString();
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
