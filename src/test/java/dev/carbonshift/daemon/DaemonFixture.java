package dev.carbonshift.daemon;

import static org.awaitility.Awaitility.await;

import dev.carbonshift.job.JobState;
import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real daemon for tests: a temporary H2 file, the project's regions, the bundled traces, real
 * DL4J training on a small real trace, and a clock that runs {@link #SPEED} times faster than the
 * wall, so that hours of scheduling pass in seconds and no test sleeps.
 */
final class DaemonFixture {
  static final double SPEED = 600;
  static final Path PROJECT = Path.of("").toAbsolutePath();

  final Path dir;
  final DaemonConfig config;

  DaemonFixture(Path dir) {
    this(dir, Map.of());
  }

  DaemonFixture(Path dir, Map<String, String> more) {
    this.dir = dir;
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("db", dir.resolve("store").toString());
    flags.put("dataDir", dir.resolve("models").toString());
    flags.put("regions", PROJECT.resolve("regions").toString());
    // in the daemon's time: at 600x, 30 min is three seconds of wall time
    flags.put("heartbeatEvery", "30m");
    flags.put("planEvery", "2h");
    flags.put("forecastRefreshEvery", "12h");
    flags.put("startTolerance", "2h");
    flags.put("shutdownWait", "4h");
    flags.putAll(more);
    // descriptors posted over HTTP name their dataset by an absolute path in this folder
    this.config =
        DaemonConfig.load(
            Optional.empty(),
            Map.of("CARBONSHIFT_DATASET_ROOTS", dir.toString()),
            flags,
            new DaemonConfig.Places(PROJECT, PROJECT));
  }

  /** A clock showing {@code origin} now and running at {@link #SPEED}. */
  static ScaledClock clockAt(Instant origin) {
    return ScaledClock.startingAt(origin, SPEED, Clock.systemUTC());
  }

  Carbonshift open(Clock clock) {
    return Carbonshift.open(config, clock);
  }

  /**
   * A small real training job on the GB trace (an absolute path, so that it also trains when posted
   * over HTTP, without a file to be relative to); {@code extra} lines are added to it.
   */
  Path descriptor(String name, int epochs, String... extra) throws IOException {
    Path csv = dir.resolve("gb.csv");
    if (!Files.exists(csv)) {
      Files.copy(PROJECT.resolve("test-fixtures/train/gb-2019-12.csv"), csv);
    }
    StringBuilder more = new StringBuilder();
    for (String l : extra) {
      more.append(l).append('\n');
    }
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        """
        name: %s
        team: test
        kind: train
        dataset:
          path: %s
          timeColumn: Time
          label: Carbon Intensity
          window: 4
          horizon: 1
        network:
          type: mlp
          layers: [8]
          activation: relu
          updater: adam
          learningRate: 0.01
          epochs: %d
          earlyStoppingPatience: %d
          batchSize: 64
          seed: 1
        %sregions: [gb, es]
        home: gb
        %s"""
            .formatted(
                name,
                csv,
                epochs,
                epochs,
                more.toString().contains("estimate:")
                    ? ""
                    : "estimate: {duration: 1h, powerWatts: 100}\n",
                more));
    return file;
  }

  static StoredJob awaitState(Carbonshift cs, String jobId, JobState state, Duration within) {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> cs.jobs().find(jobId).orElseThrow().state() == state);
    return cs.jobs().find(jobId).orElseThrow();
  }

  static List<StoredJob> occurrencesOf(Carbonshift cs, String parentId) {
    return cs.jobs().all().stream().filter(j -> parentId.equals(j.parentId())).toList();
  }

  /** Epochs a run has finished, as its heartbeats recorded them. */
  static int epochsOf(Carbonshift cs, dev.carbonshift.store.RunRecord r) {
    return cs.database()
        .jdbc()
        .queryOne("SELECT epochs_done FROM runs WHERE id = ?", rs -> rs.getInt(1), r.id())
        .orElse(0);
  }
}
