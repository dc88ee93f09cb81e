package dev.carbonshift.daemon;

import static dev.carbonshift.daemon.DaemonFixture.PROJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.carbonshift.job.JobState;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as users run it, {@code bin/carbonshift daemon} in a process of its own, killed with
 * {@code kill -9} or stopped with SIGTERM in the middle of a real training, then started again: the
 * run is never left RUNNING, and the job resumes from its checkpoint and registers one version.
 */
class DaemonProcessTest {
  private static final Duration WITHIN = Duration.ofSeconds(120);

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  private Process daemon(Path config) throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = DaemonProcess.start(cp, config, 60, PROJECT, dir.resolve("daemon.log"));
    started.add(p);
    return p;
  }

  private Path config() throws IOException {
    Path f = dir.resolve("daemon.yaml");
    Files.writeString(
        f,
        """
        db: %s
        dataDir: %s
        regions: %s
        port: 0
        heartbeatEvery: 1m
        planEvery: 1m
        startTolerance: 30m
        shutdownWait: 30m
        """
            .formatted(dir.resolve("store"), dir.resolve("models"), PROJECT.resolve("regions")));
    return f;
  }

  /** A training of a few wall seconds that must start at once (its deadline leaves no slack). */
  private StoredJob submitLongJob(Carbonshift cs, DaemonFixture f) throws IOException {
    return cs.intake()
        .submit(
            List.of(
                f.descriptor(
                        "long", 400, "estimate: {duration: 5m, powerWatts: 100}", "deadline: 5m")
                    .toFile()
                    .toPath()))
        .get(0);
  }

  private Carbonshift store(DaemonFixture f) {
    return f.open(Clock.systemUTC());
  }

  @Test
  void a_daemon_killed_mid_training_resumes_the_run_from_its_checkpoint_when_started_again()
      throws Exception {
    Path config = config();
    DaemonFixture f = new DaemonFixture(dir);
    try (Carbonshift cs = store(f)) {
      Process first = daemon(config);
      StoredJob job = submitLongJob(cs, f);
      awaitEpochs(cs, job.id(), 5);

      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9

      assertThat(cs.jobs().find(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
      Process second = daemon(config);
      DaemonFixture.awaitState(cs, job.id(), JobState.SUCCEEDED, WITHIN);
      second.destroy();

      List<RunRecord> runs = cs.runs().forJob(job.id());
      assertThat(runs)
          .extracting(RunRecord::state)
          .containsExactly(RunState.INTERRUPTED, RunState.SUCCEEDED);
      assertThat(runs.get(0).endReason()).startsWith("found dead: its process");
      assertThat(runs.get(1).endReason()).startsWith("resumed from a checkpoint");
      assertThat(cs.models().list("long")).hasSize(1);
    }
  }

  @Test
  void sigterm_checkpoints_the_training_records_it_interrupted_exits_0_and_the_next_start_resumes()
      throws Exception {
    Path config = config();
    DaemonFixture f = new DaemonFixture(dir);
    try (Carbonshift cs = store(f)) {
      Process first = daemon(config);
      StoredJob job = submitLongJob(cs, f);
      awaitEpochs(cs, job.id(), 3);

      first.destroy(); // SIGTERM
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

      assertThat(first.exitValue()).as(Files.readString(dir.resolve("daemon.log"))).isZero();
      assertThat(cs.jobs().find(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
      RunRecord interrupted = cs.runs().forJob(job.id()).get(0);
      assertThat(interrupted.state()).isEqualTo(RunState.INTERRUPTED);
      assertThat(interrupted.endReason()).startsWith("daemon stopping");
      assertThat(dir.resolve("models/.checkpoints").resolve(job.id()).resolve("state.json"))
          .isRegularFile();

      Process second = daemon(config);
      DaemonFixture.awaitState(cs, job.id(), JobState.SUCCEEDED, WITHIN);
      second.destroy();
      assertThat(cs.runs().forJob(job.id()).get(1).endReason())
          .startsWith("resumed from a checkpoint");
      assertThat(cs.models().list("long")).hasSize(1);
    }
  }

  private static void awaitEpochs(Carbonshift cs, String jobId, int epochs) {
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                cs.runs().forJob(jobId).stream()
                    .anyMatch(
                        r ->
                            r.state() == RunState.RUNNING
                                && DaemonFixture.epochsOf(cs, r) >= epochs));
  }
}
