package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.DaemonConfig;
import dev.carbonshift.daemon.ForegroundRuns;
import dev.carbonshift.daemon.TrainingElsewhereException;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunRepository;
import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code train}s of one descriptor on one H2 file: exactly one trains; the other trains nothing
 * and says, in one line with the busy exit code, who does. Neither a second job, nor a second run,
 * nor a second version: they never share a live checkpoint or both register a version.
 */
class ConcurrentTrainTest {
  static final Path PROJECT = HardeningCliTest.PROJECT;

  @TempDir Path work;

  private Path descriptor(String name, int epochs) throws IOException {
    Files.copy(
        PROJECT.resolve("test-fixtures/train/gb-2019-12.csv"),
        work.resolve("gb.csv"),
        StandardCopyOption.REPLACE_EXISTING);
    Path f = work.resolve(name + ".yaml");
    Files.writeString(
        f,
        """
        name: %s
        kind: train
        model: concurrent-%s
        dataset:
          path: gb.csv
          timeColumn: Time
          label: Carbon Intensity
          window: 4
        network:
          type: mlp
          layers: [8]
          learningRate: 0.01
          epochs: %d
          earlyStoppingPatience: %d
          seed: 1
        estimate: {duration: 1h, powerWatts: 100}
        regions: [gb]
        home: gb
        """
            .formatted(name, name, epochs, epochs));
    return f;
  }

  private Carbonshift parts() {
    Map<String, String> flags = new LinkedHashMap<>();
    flags.put("db", work.resolve("store").toString());
    flags.put("dataDir", work.resolve("models").toString());
    flags.put("port", "0");
    return Carbonshift.open(
        DaemonConfig.load(
            Optional.empty(), Map.of(), flags, new DaemonConfig.Places(work, PROJECT)),
        HardeningCliTest.CLOCK);
  }

  @Test
  void two_trains_claiming_one_descriptor_at_the_same_instant_leave_exactly_one_claim()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    // two composition roots: two stores' worth of pooled connections on one H2 file
    try (Carbonshift a = parts();
        Carbonshift b = parts()) {
      for (int round = 0; round < 6; round++) {
        Path file = descriptor("r" + round, 1);
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Object>> claims = new ArrayList<>();
        for (Carbonshift cs : List.of(a, b)) {
          claims.add(
              pool.submit(
                  () -> {
                    ForegroundRuns runs = new ForegroundRuns(cs);
                    together.await(30, TimeUnit.SECONDS);
                    try {
                      return runs.prepare(file, file.getFileName().toString());
                    } catch (TrainingElsewhereException e) {
                      return e;
                    }
                  }));
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> f : claims) {
          outcomes.add(f.get(2, TimeUnit.MINUTES));
        }

        List<ForegroundRuns.Prepared> won =
            outcomes.stream()
                .filter(ForegroundRuns.Prepared.class::isInstance)
                .map(ForegroundRuns.Prepared.class::cast)
                .toList();
        List<TrainingElsewhereException> lost =
            outcomes.stream()
                .filter(TrainingElsewhereException.class::isInstance)
                .map(TrainingElsewhereException.class::cast)
                .toList();
        assertThat(won).as("round %d: %s", round, outcomes).hasSize(1);
        assertThat(lost).as("round %d", round).hasSize(1);
        assertThat(lost.get(0).jobId()).isEqualTo(won.get(0).job().id());
        assertThat(lost.get(0).getMessage())
            .contains("r" + round + ".yaml is being trained already")
            .contains(won.get(0).job().id())
            .doesNotContain("\n");
        String source = file.toString();
        assertThat(a.jobs().all().stream().filter(j -> source.equals(j.sourceFile())))
            .as("one job for the descriptor")
            .hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private Process train(Path file, String out) throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            cp,
            "dev.carbonshift.cli.Main",
            "train",
            "--db",
            work.resolve("store").toString(),
            file.toString());
    pb.environment().put("CARBONSHIFT_PORT", "0");
    pb.environment().put("CARBONSHIFT_HOME", PROJECT.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(work.resolve(out).toFile());
    pb.directory(work.toFile());
    return pb.start();
  }

  @Test
  void a_second_train_process_while_the_first_trains_exits_busy_and_trains_nothing()
      throws Exception {
    // a year of hourly ES data through a wider network, 10,000 epochs: still training long after
    // the second process has started and given up
    Path file = work.resolve("long.yaml");
    Files.writeString(
        file,
        """
        name: long
        kind: train
        model: concurrent-long
        dataset:
          path: %s
          timeColumn: Datetime (UTC)
          label: Carbon Intensity gCO₂eq/kWh (direct)
          window: 48
        network:
          type: mlp
          layers: [64, 64]
          learningRate: 0.001
          epochs: 10000
          earlyStoppingPatience: 10000
          batchSize: 16
          seed: 1
        estimate: {duration: 1h, powerWatts: 100}
        regions: [es]
        home: es
        """
            .formatted(PROJECT.resolve("data/traces/ES_2022_hourly.csv.gz")));
    Process first = train(file, "first.txt");
    try {
      // the first is the store's host once its lock file is there; only then does this JVM join
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> Files.exists(work.resolve("store.lock.db")) || !first.isAlive());
      assertThat(first.isAlive()).as(Files.readString(work.resolve("first.txt"))).isTrue();
      try (Database db = Database.file(work.resolve("store"))) {
        RunRepository runs = new RunRepository(db);
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> !runs.running().isEmpty() || !first.isAlive());
        assertThat(first.isAlive()).as(Files.readString(work.resolve("first.txt"))).isTrue();
        RunRecord training = runs.running().get(0);

        Process second = train(file, "second.txt");
        assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String said = Files.readString(work.resolve("second.txt"));

        assertThat(second.exitValue()).as(said).isEqualTo(Main.STORE_BUSY);
        List<String> errors = said.lines().filter(l -> l.startsWith("error")).toList();
        assertThat(errors).as(said).hasSize(1);
        assertThat(errors.get(0))
            .contains("is being trained already")
            .contains(training.jobId())
            .contains("run " + training.id());
        assertThat(said).doesNotContain("internal error").doesNotContain("Exception");
        assertThat(first.isAlive()).as("the first trains on").isTrue();
        List<StoredJob> jobs = new JobRepository(db, Clock.systemUTC()).all();
        assertThat(jobs).as("no second job").hasSize(1);
        assertThat(runs.forJob(training.jobId())).as("no second run").hasSize(1);
        assertThat(runs.running()).extracting(RunRecord::id).containsExactly(training.id());
      }
    } finally {
      first.destroyForcibly();
      first.waitFor(1, TimeUnit.MINUTES);
    }
  }
}
