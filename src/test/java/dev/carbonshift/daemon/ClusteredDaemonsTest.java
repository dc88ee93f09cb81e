package dev.carbonshift.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.carbonshift.job.JobState;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons, each in a process of its own, on one PostgreSQL store and one shared data folder:
 * every job runs once, on one of them, and the one left resumes a training whose daemon was killed
 * with {@code kill -9}. Skipped without a PostgreSQL server (see PostgresTestStore).
 */
class ClusteredDaemonsTest {
  private static final Duration WITHIN = Duration.ofSeconds(180);

  @TempDir Path dir;

  @Test
  void jobs_submitted_to_two_daemons_each_run_exactly_once_and_register_one_version()
      throws Exception {
    try (TwoDaemons two = new TwoDaemons(dir, "2s");
        Carbonshift cs = two.store()) {
      two.start(1);
      two.start(2);
      int[] ports = {two.port(1, WITHIN), two.port(2, WITHIN)};
      int jobs = 8;
      List<String> submitted = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        // half to each daemon; the deadline leaves no slack, so each starts as soon as planned
        submitted.add(
            TwoDaemons.post(
                ports[i % 2],
                two.fixture.descriptor(
                    "c" + i, 2, "estimate: {duration: 2m, powerWatts: 100}", "deadline: 2m")));
      }
      for (String id : submitted) {
        DaemonFixture.awaitState(cs, id, JobState.SUCCEEDED, WITHIN);
      }

      Set<String> owners = new HashSet<>();
      for (int i = 0; i < jobs; i++) {
        String id = submitted.get(i);
        List<RunRecord> trained =
            cs.runs().forJob(id).stream().filter(r -> r.state() != RunState.CANCELLED).toList();
        assertThat(trained).extracting(RunRecord::state).containsExactly(RunState.SUCCEEDED);
        assertThat(cs.models().list("c" + i)).hasSize(1);
        owners.add(trained.get(0).owner());
      }
      assertThat(owners).allMatch(o -> o != null && o.split(":").length == 3);
      System.out.printf("cluster: %d jobs ran on %d daemon(s): %s%n", jobs, owners.size(), owners);
    }
  }

  @Test
  void when_the_daemon_training_a_job_is_killed_the_other_resumes_it_from_its_checkpoint()
      throws Exception {
    try (TwoDaemons two = new TwoDaemons(dir, "2s");
        Carbonshift cs = two.store()) {
      Process first = two.start(1);
      Process second = two.start(2);
      int port = two.port(1, WITHIN);
      two.port(2, WITHIN);
      await().atMost(WITHIN).until(() -> health(port).contains("\"daemonsAlive\":2"));
      assertThat(health(port)).contains(":" + first.pid() + ":").contains(":" + second.pid() + ":");
      String id =
          TwoDaemons.post(
              port,
              two.fixture.descriptor(
                  "long", 400, "estimate: {duration: 5m, powerWatts: 100}", "deadline: 5m"));
      StoredJob job = cs.jobs().find(id).orElseThrow();
      RunRecord running = awaitEpochs(cs, job.id(), 5);
      Process victim =
          running.owner().split(":")[1].equals(String.valueOf(first.pid())) ? first : second;
      Process survivor = victim == first ? second : first;

      victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9

      DaemonFixture.awaitState(cs, job.id(), JobState.SUCCEEDED, WITHIN);
      List<RunRecord> runs =
          cs.runs().forJob(job.id()).stream().filter(r -> r.state() != RunState.CANCELLED).toList();
      assertThat(runs)
          .extracting(RunRecord::state)
          .containsExactly(RunState.INTERRUPTED, RunState.SUCCEEDED);
      assertThat(runs.get(0).owner()).contains(":" + victim.pid() + ":");
      assertThat(runs.get(1).owner()).contains(":" + survivor.pid() + ":");
      assertThat(runs.get(0).endReason()).startsWith("found dead");
      assertThat(runs.get(1).endReason()).startsWith("resumed from a checkpoint");
      assertThat(cs.models().list("long")).hasSize(1);
      assertThat(Files.exists(dir.resolve("models"))).isTrue();
    }
  }

  static String health(int port) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  static RunRecord awaitEpochs(Carbonshift cs, String jobId, int epochs) {
    RunRecord[] hit = {null};
    await()
        .atMost(WITHIN)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              for (RunRecord r : cs.runs().forJob(jobId)) {
                if (r.state() == RunState.RUNNING && epochsOf(cs, r.id()) >= epochs) {
                  hit[0] = r;
                  return true;
                }
              }
              return false;
            });
    return hit[0];
  }

  static int epochsOf(Carbonshift cs, long runId) {
    return cs.database()
        .jdbc()
        .queryOne(
            "SELECT COALESCE(epochs_done, 0) FROM runs WHERE id = ?", rs -> rs.getInt(1), runId)
        .orElse(0);
  }
}
