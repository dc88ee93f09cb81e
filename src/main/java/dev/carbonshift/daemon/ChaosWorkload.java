package dev.carbonshift.daemon;

import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chaos bench's folder, settings and jobs: short real trainings on two weeks of the bundled
 * Spanish trace, each a model of its own, submitted to the store the daemon reads.
 */
final class ChaosWorkload {
  /** At 60×, a minute of the daemon's time is a wall second: one heartbeat per second. */
  static final double SPEED = 60;

  /** Epochs of one training: a dozen wall seconds on a loaded two-core machine. */
  static final int EPOCHS = 60;

  /** Fewer unfinished jobs than this and the bench submits another. */
  static final int KEEP_UNFINISHED = 2;

  private static final int FIRST_BATCH = 3;

  final Path dir;
  final Path settings;
  final DaemonConfig config;
  private final Path dataset;
  private final List<String> jobIds = new ArrayList<>();

  private ChaosWorkload(Path dir, Path settings, DaemonConfig config, Path dataset) {
    this.dir = dir;
    this.settings = settings;
    this.config = config;
    this.dataset = dataset;
  }

  /** A fresh folder under {@code parent} with a settings file for a daemon of the installation. */
  static ChaosWorkload create(Path parent, Path home) throws IOException {
    Path dir = Files.createTempDirectory(parent, "carbonshift-chaos-");
    Path dataset = home.resolve("data/traces/ES_2022_hourly.csv.gz").toAbsolutePath();
    if (!Files.isRegularFile(dataset)) {
      throw new IllegalArgumentException("the chaos bench trains on " + dataset + ": not found");
    }
    Path hardware = home.resolve("data/hardware").toAbsolutePath();
    Path settings = dir.resolve("chaos.yaml");
    Files.writeString(
        settings,
        """
        db: %s
        dataDir: %s
        regions: %s
        port: 0
        heartbeatEvery: 1m
        missedHeartbeats: 3
        planEvery: 1m
        startTolerance: 30m
        shutdownWait: 30m
        %s"""
            .formatted(
                dir.resolve("store"),
                dir.resolve("models"),
                home.resolve("regions").toAbsolutePath(),
                Files.isDirectory(hardware) ? "hardwareDir: " + hardware + "\n" : ""));
    DaemonConfig config =
        DaemonConfig.load(
            Optional.of(settings), Map.of(), Map.of(), new DaemonConfig.Places(dir, home));
    return new ChaosWorkload(dir, settings, config, dataset);
  }

  List<String> jobIds() {
    return List.copyOf(jobIds);
  }

  /** The first jobs: a few, so that several run and queue at once. */
  void submitFirst(Carbonshift cs, int jobs) throws IOException {
    for (int i = 0; i < Math.min(FIRST_BATCH, jobs); i++) {
      submit(cs);
    }
  }

  /**
   * Submits one more job when fewer than {@link #KEEP_UNFINISHED} are unfinished: up to {@code
   * atLeast} in all, or beyond while {@code moreWanted} (kills remain that need a training to hit).
   */
  void topUp(Carbonshift cs, int atLeast, boolean moreWanted) throws IOException {
    if (jobIds.size() >= atLeast && !moreWanted) {
      return;
    }
    if (unfinished(cs) < KEEP_UNFINISHED) {
      submit(cs);
    }
  }

  long unfinished(Carbonshift cs) {
    return jobIds.stream()
        .filter(id -> !cs.jobs().find(id).map(StoredJob::state).orElseThrow().isFinal())
        .count();
  }

  private void submit(Carbonshift cs) throws IOException {
    int i = jobIds.size() + 1;
    Path file = dir.resolve("chaos-" + i + ".yaml");
    // a deadline equal to the estimate leaves no slack: the planner starts it at once
    Files.writeString(
        file,
        """
        name: chaos-%d
        team: bench
        kind: train
        strategy: scratch
        model: chaos-%d
        dataset:
          path: %s
          timeColumn: Datetime (UTC)
          label: Carbon Intensity gCO₂eq/kWh (direct)
          from: 2022-01-01
          to: 2022-01-15
          window: 24
          horizon: 1
        network:
          type: mlp
          layers: [16]
          activation: relu
          updater: adam
          learningRate: 0.003
          epochs: %d
          batchSize: 32
          earlyStoppingPatience: %d
          seed: %d
        estimate: {duration: 5m, powerWatts: 100}
        deadline: 5m
        regions: [es]
        home: es
        interruptible: false
        """
            .formatted(i, i, dataset, EPOCHS, EPOCHS, i));
    jobIds.add(cs.intake().submit(List.of(file)).get(0).id());
  }
}
