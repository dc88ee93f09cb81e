package dev.carbonshift.daemon;

import static dev.carbonshift.daemon.DaemonFixture.awaitState;
import static dev.carbonshift.daemon.DaemonFixture.clockAt;
import static dev.carbonshift.daemon.DaemonFixture.occurrencesOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.daemon.api.HttpApi;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.Reason;
import dev.carbonshift.store.Decision;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon end to end in this JVM: a real H2 file, Quartz's JDBC job store in it, real training,
 * on a clock 600 times faster than the wall (so an hour passes in six seconds and no test sleeps;
 * each waits on the store's state within a bound).
 */
class DaemonTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration WITHIN = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void a_submitted_job_is_planned_started_by_its_trigger_at_its_start_and_succeeds_accounted()
      throws Exception {
    DaemonFixture f = new DaemonFixture(dir, Map.of("port", "0"));
    ScaledClock clock = clockAt(T0);
    try (Carbonshift cs = f.open(clock);
        Daemon daemon = Daemon.create(cs)) {
      HttpApi api = cs.httpApi(daemon);
      int port = api.start();
      daemon.start();
      HttpResponse<String> posted =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs"))
                      .header("Content-Type", "application/yaml")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              Files.readString(
                                  f.descriptor("soon", 3, "earliestStart: 1h", "deadline: 4h"))))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
      String id = new ObjectMapper().readTree(posted.body()).path("id").asText();
      StoredJob job = cs.jobs().find(id).orElseThrow();

      StoredJob done = awaitState(cs, job.id(), JobState.SUCCEEDED, WITHIN);

      PlacementRecord p = cs.placements().current(job.id()).orElseThrow();
      assertThat(p.start()).isAfterOrEqualTo(T0.plus(Duration.ofHours(1)));
      List<RunRecord> runs = cs.runs().forJob(job.id());
      assertThat(runs).hasSize(1);
      RunRecord run = runs.get(0);
      // started by its trigger at the planned start, not before; at 600x a second of wall-clock
      // latency on a loaded machine is ten minutes, so "not much after" is the start tolerance
      assertThat(run.startedAt())
          .isAfterOrEqualTo(p.start())
          .isBefore(p.start().plus(f.config.startTolerance()));
      assertThat(run.region()).isEqualTo(p.region());
      assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(run.owner()).isEqualTo(cs.owner());
      assertThat(run.accounting().itKwh()).isPositive();
      assertThat(run.accounting().kgCo2e()).isPositive();
      assertThat(run.modelVersionId()).isNotNull();
      assertThat(done.stateReason()).startsWith("soon:1");
      assertThat(cs.decisions().forJob(job.id()))
          .extracting(Decision::decision)
          .containsSubsequence(
              "QUEUED", "QUEUED -> PLANNED", "PLANNED -> RUNNING", "RUNNING -> SUCCEEDED");
      api.stop();
    }
  }

  @Test
  void a_placement_hours_ahead_gets_its_start_trigger_only_when_its_start_comes_near()
      throws Exception {
    DaemonFixture f = new DaemonFixture(dir);
    try (Carbonshift cs = f.open(clockAt(T0));
        Daemon daemon = Daemon.create(cs)) {
      daemon.start();
      StoredJob job =
          cs.intake()
              .submit(List.of(f.descriptor("far", 2, "earliestStart: 6h", "deadline: 9h")))
              .get(0);
      daemon.planRound();
      PlacementRecord p = cs.placements().current(job.id()).orElseThrow();
      Duration ahead = f.config.planEvery().multipliedBy(2).plus(f.config.startTolerance());
      assertThat(p.start()).isAfter(cs.clock().instant().plus(ahead));
      // placed, but no trigger written yet: a re-plan of it would write none either
      assertThat(startTriggers(cs, job.id())).isZero();

      StoredJob done = awaitState(cs, job.id(), JobState.SUCCEEDED, WITHIN);

      // a later round wrote it, and it started the job at its time
      RunRecord run = cs.runs().forJob(job.id()).get(0);
      PlacementRecord started = cs.placements().current(job.id()).orElseThrow();
      assertThat(run.startedAt())
          .isAfterOrEqualTo(started.start())
          .isBefore(started.start().plus(f.config.startTolerance()));
      assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    }
  }

  @Test
  void a_cancel_that_reaches_the_store_elsewhere_stops_the_running_training_at_a_checkpoint()
      throws Exception {
    DaemonFixture f = new DaemonFixture(dir);
    ScaledClock clock = clockAt(T0);
    try (Carbonshift cs = f.open(clock);
        Daemon daemon = Daemon.create(cs)) {
      StoredJob job =
          cs.intake().submit(List.of(f.descriptor("long", 400, "deadline: 24h"))).get(0);
      // placed by hand from now on, for half a day: it starts as soon as the daemon does
      Instant now = clock.instant();
      cs.placements()
          .save(
              new PlacementRecord(
                  0,
                  job.id(),
                  now,
                  "gb",
                  now,
                  now.plus(Duration.ofHours(12)),
                  null,
                  0.1,
                  10,
                  20,
                  Reason.of(Reason.Outcome.LOWEST_EMISSIONS, "placed by the test"),
                  null));
      cs.jobs().transition(job.id(), JobState.PLANNED, "placed by the test");
      // from its second epoch the training keeps pace with the daemon's clock until two heartbeats
      // after the cancel, so that a fast machine cannot finish all 400 epochs before one beats
      java.util.concurrent.atomic.AtomicReference<Instant> cancelledAt =
          new java.util.concurrent.atomic.AtomicReference<>();
      Duration twoBeats = f.config.heartbeatEvery().multipliedBy(2);
      daemon.listen(
          e -> {
            if (e.epoch() >= 2) {
              await()
                  .atMost(WITHIN)
                  .pollInterval(Duration.ofMillis(20))
                  .until(
                      () ->
                          cancelledAt.get() != null
                              && clock.instant().isAfter(cancelledAt.get().plus(twoBeats)));
            }
          });
      daemon.start();
      await()
          .atMost(WITHIN)
          .until(
              () ->
                  cs.runs().forJob(job.id()).stream()
                      .anyMatch(r -> DaemonFixture.epochsOf(cs, r) >= 2));

      // as another daemon's DELETE /jobs (or the CLI on the store) would: the store only
      cs.jobs().transition(job.id(), JobState.CANCELLED, "cancelled by another daemon");
      cancelledAt.set(clock.instant());

      await()
          .atMost(WITHIN)
          .until(() -> cs.runs().forJob(job.id()).get(0).state() == RunState.INTERRUPTED);
      RunRecord run = cs.runs().forJob(job.id()).get(0);
      assertThat(DaemonFixture.epochsOf(cs, run)).isLessThan(400);
      assertThat(run.endReason()).contains("cancelled by another daemon");
      assertThat(cs.jobs().find(job.id()).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
      assertThat(cs.models().list("long")).isEmpty();
    }
  }

  private static long startTriggers(Carbonshift cs, String jobId) {
    return cs.database()
        .jdbc()
        .queryOne(
            "SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME LIKE ?",
            rs -> rs.getLong(1),
            "start:" + jobId + ":%")
        .orElse(0L);
  }

  @Test
  void the_cli_submits_to_a_running_daemon_and_says_so_and_falls_back_to_the_store_without_one()
      throws Exception {
    DaemonFixture f = new DaemonFixture(dir, Map.of("port", "0"));
    Path file = f.descriptor("via-cli", 2, "earliestStart: 2h", "deadline: 8h");
    try (Carbonshift cs = f.open(clockAt(T0));
        Daemon daemon = Daemon.create(cs)) {
      HttpApi api = cs.httpApi(daemon);
      int port = api.start();
      daemon.start();
      Map<String, String> env =
          Map.of("CARBONSHIFT_PORT", String.valueOf(port), "CARBONSHIFT_DB", f.config.db());

      Cli submitted = cli(env, "submit", file.toString());

      assertThat(submitted.exit()).as(submitted.err()).isZero();
      assertThat(submitted.err()).contains("via the daemon at http://127.0.0.1:" + port);
      String id = submitted.out().trim().split("\\s+")[0];
      // a CLI on this machine says where the file is, so its relative dataset paths still resolve
      assertThat(cs.jobs().find(id).orElseThrow().sourceFile()).isEqualTo(file.toString());
      awaitState(cs, id, JobState.PLANNED, WITHIN);
      Cli status = cli(env, "status", id);
      assertThat(status.out()).contains("\"state\" : \"PLANNED\"");
      api.stop();

      Cli direct = cli(env, "status");
      assertThat(direct.err()).contains("no daemon at 127.0.0.1:" + port);
      assertThat(direct.out()).contains(id);
    }
  }

  @Test
  void a_killed_train_is_found_dead_and_the_next_train_of_the_same_file_resumes_that_job()
      throws Exception {
    DaemonFixture f = new DaemonFixture(dir);
    Path file = f.descriptor("foreground", 2, "deadline: 4h");
    Map<String, String> env =
        Map.of(
            "CARBONSHIFT_DB", f.config.db(),
            "CARBONSHIFT_DATA_DIR", f.config.dataDir().toString(),
            "CARBONSHIFT_PORT", "0");
    String jobId;
    try (Carbonshift cs = f.open(java.time.Clock.systemUTC())) {
      // a first train that was killed mid-run: its job RUNNING, its run owned by a gone process
      jobId = new ForegroundRuns(cs).prepare(file, file.toString()).job().id();
      Process gone = new ProcessBuilder("true").start();
      gone.waitFor();
      String host = Carbonshift.processName().split(":")[0];
      cs.runs().start(jobId, "gb", cs.clock().instant(), host + ":" + gone.pid() + ":1", 0);
      cs.jobs().transition(jobId, JobState.RUNNING, "a train that is then killed");
    }

    Cli again = cli(env, "train", file.toString());

    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.err()).contains("resuming " + jobId);
    try (Carbonshift cs = f.open(java.time.Clock.systemUTC())) {
      assertThat(cs.jobs().find(jobId).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
      List<RunRecord> runs = cs.runs().forJob(jobId);
      assertThat(runs)
          .extracting(RunRecord::state)
          .containsExactly(RunState.INTERRUPTED, RunState.SUCCEEDED);
      assertThat(runs.get(0).endReason()).startsWith("found dead: its process");
      assertThat(cs.models().list("foreground")).hasSize(1);
    }
  }

  private record Cli(int exit, String out, String err) {}

  private Cli cli(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cmd =
        dev.carbonshift.cli.Main.commandLine(
            new dev.carbonshift.cli.Context(
                java.time.Clock.systemUTC(), env, dir, DaemonFixture.PROJECT));
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  @Test
  void an_interruptible_job_pauses_at_its_slice_end_and_resumes_from_its_checkpoint_in_the_next()
      throws Exception {
    DaemonFixture f = new DaemonFixture(dir);
    ScaledClock clock = clockAt(T0);
    Instant now = clock.instant();
    Instant slice1End = now.plus(Duration.ofMinutes(40));
    Instant slice2Start = now.plus(Duration.ofMinutes(100));
    // long enough (12 s of wall time) for the rest of the training on a loaded machine
    Instant slice2End = slice2Start.plus(Duration.ofHours(2));
    StoredJob job;
    try (Carbonshift cs = f.open(clock)) {
      job =
          cs.intake()
              .submit(List.of(f.descriptor("sliced", 8, "interruptible: true", "deadline: 12h")))
              .get(0);
      // two slices placed by hand, the first starting now: a placement that has started is held
      cs.placements()
          .save(
              new PlacementRecord(
                  0,
                  job.id(),
                  now,
                  "gb",
                  now,
                  slice2End,
                  "[{\"start\":\"%s\",\"end\":\"%s\"},{\"start\":\"%s\",\"end\":\"%s\"}]"
                      .formatted(now, slice1End, slice2Start, slice2End),
                  0.1,
                  10,
                  20,
                  Reason.of(Reason.Outcome.LOWEST_EMISSIONS, "two slices, by the test"),
                  null));
      cs.jobs().transition(job.id(), JobState.PLANNED, "placed by the test");
      try (Daemon daemon = Daemon.create(cs)) {
        // the first slice's training lasts until its end: each epoch waits for the clock
        daemon.listen(
            e ->
                await()
                    .atMost(WITHIN)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !clock.instant().isBefore(slice1End) || e.epoch() > 1));
        daemon.start();

        awaitState(cs, job.id(), JobState.SUCCEEDED, WITHIN);
      }
      List<RunRecord> runs = cs.runs().forJob(job.id());
      assertThat(runs)
          .extracting(RunRecord::state)
          .containsExactly(RunState.INTERRUPTED, RunState.SUCCEEDED);
      assertThat(runs).extracting(RunRecord::sliceIndex).containsExactly(0, 1);
      assertThat(runs.get(0).endReason()).contains("slice 1 ended");
      assertThat(runs.get(0).endedAt()).isAfterOrEqualTo(slice1End);
      assertThat(runs.get(1).startedAt()).isAfterOrEqualTo(slice2Start);
      assertThat(runs.get(1).endReason()).contains("resumed from a checkpoint");
      assertThat(cs.models().list("sliced")).hasSize(1);
      assertThat(cs.decisions().forJob(job.id()))
          .extracting(Decision::decision)
          .contains("RUNNING -> PLANNED");
    }
  }

  @Test
  void a_recurring_descriptor_submits_a_fresh_job_each_time_its_cron_fires() throws Exception {
    DaemonFixture f = new DaemonFixture(dir);
    ScaledClock clock = clockAt(T0.plus(Duration.ofMinutes(20)));
    try (Carbonshift cs = f.open(clock);
        Daemon daemon = Daemon.create(cs)) {
      daemon.start();
      StoredJob nightly =
          cs.intake()
              .submit(
                  List.of(f.descriptor("hourly", 2, "schedule: \"0 0 * * * ?\"", "deadline: 6h")))
              .get(0);
      assertThat(nightly.state()).isEqualTo(JobState.RECURRING);
      daemon.submitted(nightly);

      await().atMost(WITHIN).until(() -> occurrencesOf(cs, nightly.id()).size() >= 1);

      StoredJob first = occurrencesOf(cs, nightly.id()).get(0);
      Instant oneAm = T0.plus(Duration.ofHours(1));
      assertThat(first.submittedAt())
          .isAfterOrEqualTo(oneAm)
          .isBefore(oneAm.plus(Duration.ofMinutes(20)));
      assertThat(first.deadline()).isEqualTo(first.submittedAt().plus(Duration.ofHours(6)));
      assertThat(first.schedule()).isNull();
      assertThat(cs.jobs().find(nightly.id()).orElseThrow().state()).isEqualTo(JobState.RECURRING);
    }
  }

  @Test
  void a_schedule_missed_several_times_while_down_submits_once_and_a_missed_start_is_replanned()
      throws Exception {
    DaemonFixture f = new DaemonFixture(dir);
    StoredJob nightly;
    StoredJob planned;
    PlacementRecord before;
    try (Carbonshift cs = f.open(clockAt(T0.plus(Duration.ofMinutes(10))))) {
      try (Daemon daemon = Daemon.create(cs)) {
        daemon.start();
        nightly =
            cs.intake()
                .submit(
                    List.of(f.descriptor("hourly", 2, "schedule: \"0 0 * * * ?\"", "deadline: 6h")))
                .get(0);
        daemon.submitted(nightly);
        planned =
            cs.intake()
                .submit(List.of(f.descriptor("later", 2, "earliestStart: 40m", "deadline: 20h")))
                .get(0);
        daemon.planRound();
        before = cs.placements().current(planned.id()).orElseThrow();
      } // down before the cron's 01:00 and before the job's start
      assertThat(occurrencesOf(cs, nightly.id())).isEmpty();
    }
    // back five hours later: 01:00 … 05:00 were missed, and so was the job's start
    Instant back = before.start().plus(Duration.ofHours(5));
    try (Carbonshift cs = f.open(clockAt(back));
        Daemon daemon = Daemon.create(cs)) {
      daemon.start();

      await().atMost(WITHIN).until(() -> occurrencesOf(cs, nightly.id()).size() >= 1);
      awaitState(cs, planned.id(), JobState.SUCCEEDED, WITHIN);

      // the missed hours give one occurrence; the next may only be the regular one at the next
      // full hour after it (which a slow machine may well reach while the job trains)
      List<StoredJob> occurrences = occurrencesOf(cs, nightly.id());
      Instant firstAt =
          occurrences.stream().map(StoredJob::submittedAt).min(Instant::compareTo).orElseThrow();
      Instant nextHour =
          firstAt.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1));
      long missedOnce =
          occurrences.stream().filter(j -> j.submittedAt().isBefore(nextHour)).count();
      assertThat(missedOnce).as("occurrences submitted for the missed hours").isEqualTo(1);
      assertThat(cs.decisions().forJob(planned.id()))
          .extracting(Decision::reason)
          .anyMatch(
              r ->
                  r.startsWith("missed its start at " + before.start())
                      || r.startsWith("its placement " + before.start()));
      PlacementRecord after = cs.placements().current(planned.id()).orElseThrow();
      assertThat(after.id()).isNotEqualTo(before.id());
      assertThat(after.start()).isAfterOrEqualTo(back);
    }
  }
}
