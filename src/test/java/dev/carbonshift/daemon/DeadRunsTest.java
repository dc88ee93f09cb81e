package dev.carbonshift.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.JobState;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunRepository;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead runs judged by their owner's process on this host, or by their heartbeat alone. */
class DeadRunsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration DEAD_AFTER = Duration.ofSeconds(30);

  /** A process of this host that does not exist: what a daemon killed with kill -9 leaves. */
  private static final String GONE =
      Carbonshift.processName().split(":")[0] + ":2147483000:1700000000000";

  @TempDir Path dir;
  private final TestClock clock = new TestClock(NOW);
  private JobRepository jobs;
  private RunRepository runs;
  private StoredJob job;
  private long runId;

  @BeforeEach
  void aRunningJobOfAGoneProcess() throws IOException {
    Database db = Database.inMemory("dead-runs-" + UUID.randomUUID());
    jobs = new JobRepository(db, clock);
    runs = new RunRepository(db);
    Path file = dir.resolve("j.yaml");
    Files.writeString(
        file,
        """
        name: j
        team: test
        kind: train
        dataset: {path: x.csv, timeColumn: Time, label: Carbon Intensity, window: 4, horizon: 1}
        network: {type: mlp, layers: [4], epochs: 2}
        estimate: {duration: 1h, powerWatts: 100}
        regions: [gb]
        home: gb
        """);
    RegionCatalog catalog = RegionCatalog.load(Path.of("regions"));
    job = new JobIntake(catalog, jobs, clock).submit(List.of(file)).get(0);
    jobs.transition(job.id(), JobState.PLANNED, "test");
    jobs.transition(job.id(), JobState.RUNNING, "test");
    runId = runs.start(job.id(), "gb", NOW, GONE, 0);
  }

  @Test
  void the_default_sweep_closes_a_run_of_a_gone_process_of_this_host_at_once() {
    List<RunRecord> closed = new DeadRuns(runs, jobs, new LiveRuns(), clock, DEAD_AFTER).sweep();

    assertThat(closed).extracting(RunRecord::id).containsExactly(runId);
    assertThat(runs.find(runId).orElseThrow().endReason()).contains("is gone");
  }

  @Test
  void a_heartbeat_only_sweep_waits_until_the_run_is_silent_longer_than_allowed() {
    DeadRuns byHeartbeat = DeadRuns.byHeartbeatOnly(runs, jobs, clock, DEAD_AFTER);
    clock.advance(DEAD_AFTER);
    assertThat(byHeartbeat.sweep()).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(byHeartbeat.sweep()).extracting(RunRecord::id).containsExactly(runId);

    RunRecord run = runs.find(runId).orElseThrow();
    assertThat(run.state()).isEqualTo(RunState.INTERRUPTED);
    assertThat(run.endReason()).startsWith("found dead: no heartbeat since");
    assertThat(jobs.find(job.id()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
  }
}
