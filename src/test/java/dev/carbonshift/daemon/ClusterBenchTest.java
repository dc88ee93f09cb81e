package dev.carbonshift.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.carbonshift.job.JobState;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures for two daemons on one PostgreSQL (README, "Several daemons on PostgreSQL"): many short
 * real jobs each run once; the time from a {@code kill -9} to the resume with the default heartbeat
 * settings, and the epochs trained again; {@code POST /jobs} from 8 clients against both daemons. A
 * measurement, tagged slow; it needs CARBONSHIFT_TEST_PG_URL (see PostgresTestStore).
 *
 * <p>{@code mvn -B test -DtestGroups=slow -DexcludedTestGroups=gpu -Dtest=ClusterBenchTest
 * -Dbench.jobs=200 -Dbench.kills=3 -Dbench.seconds=10}
 */
@Tag("slow")
class ClusterBenchTest {
  private static final Duration WITHIN = Duration.ofMinutes(20);

  @TempDir Path dir;

  @Test
  void many_short_jobs_each_run_exactly_once_on_two_daemons() throws Exception {
    int jobs = Integer.getInteger("bench.jobs", 200);
    try (TwoDaemons two = new TwoDaemons(dir, "10s");
        Carbonshift cs = two.store()) {
      two.start(1);
      two.start(2);
      int[] ports = {two.port(1, WITHIN), two.port(2, WITHIN)};
      long t0 = System.nanoTime();
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < jobs; i++) {
        ids.add(
            TwoDaemons.post(
                ports[i % 2],
                two.fixture.descriptor(
                    "b" + i, 1, "estimate: {duration: 2m, powerWatts: 100}", "deadline: 2m")));
      }
      for (String id : ids) {
        DaemonFixture.awaitState(cs, id, JobState.SUCCEEDED, WITHIN);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      int succeededRuns = 0;
      int versions = 0;
      int lostRaces = 0;
      Set<String> owners = ConcurrentHashMap.newKeySet();
      for (int i = 0; i < jobs; i++) {
        List<RunRecord> runs = cs.runs().forJob(ids.get(i));
        succeededRuns += (int) runs.stream().filter(r -> r.state() == RunState.SUCCEEDED).count();
        lostRaces += (int) runs.stream().filter(r -> r.state() == RunState.CANCELLED).count();
        runs.forEach(r -> owners.add(r.owner()));
        versions += cs.models().list("b" + i).size();
      }
      System.out.printf(
          "bench cluster-jobs: %d jobs, %d succeeded runs, %d model versions, %d claims lost"
              + " (no training), %d daemons ran them, %.1f s from the first POST to the last"
              + " success%n",
          jobs, succeededRuns, versions, lostRaces, owners.size(), seconds);
      assertThat(succeededRuns).isEqualTo(jobs);
      assertThat(versions).isEqualTo(jobs);
    }
  }

  @Test
  void time_from_kill_9_to_resume_with_the_default_heartbeat() throws Exception {
    int kills = Integer.getInteger("bench.kills", 3);
    List<Double> seconds = new ArrayList<>();
    List<Integer> repeated = new ArrayList<>();
    for (int k = 0; k < kills; k++) {
      Path d = Files.createDirectories(dir.resolve("kill-" + k));
      try (TwoDaemons two = new TwoDaemons(d, "10s");
          Carbonshift cs = two.store()) {
        Process first = two.start(1);
        Process second = two.start(2);
        int port = two.port(1, WITHIN);
        two.port(2, WITHIN);
        String id =
            TwoDaemons.post(
                port,
                two.fixture.descriptor(
                    "long", 400, "estimate: {duration: 5m, powerWatts: 100}", "deadline: 5m"));
        RunRecord running = ClusteredDaemonsTest.awaitEpochs(cs, id, 5);
        Process victim =
            running.owner().split(":")[1].equals(String.valueOf(first.pid())) ? first : second;
        long t0 = System.nanoTime();
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        await()
            .atMost(WITHIN)
            .pollInterval(Duration.ofMillis(20))
            .until(
                () ->
                    cs.runs().forJob(id).stream()
                        .anyMatch(r -> r.id() != running.id() && r.state() == RunState.RUNNING));
        seconds.add((System.nanoTime() - t0) / 1e9);
        DaemonFixture.awaitState(cs, id, JobState.SUCCEEDED, WITHIN);
        List<RunRecord> runs =
            cs.runs().forJob(id).stream().filter(r -> r.state() != RunState.CANCELLED).toList();
        int done = ClusteredDaemonsTest.epochsOf(cs, runs.get(0).id());
        int firstAfter =
            cs.database()
                .jdbc()
                .queryOne(
                    "SELECT COALESCE(first_epoch, 0) FROM runs WHERE id = ?",
                    rs -> rs.getInt(1),
                    runs.get(1).id())
                .orElse(0);
        repeated.add(Math.max(0, done - (firstAfter - 1)));
        assertThat(runs.get(1).endReason()).startsWith("resumed from a checkpoint");
      }
    }
    List<Double> sorted = new ArrayList<>(seconds);
    Collections.sort(sorted);
    System.out.printf(
        "bench cluster-failover: %d kills, kill -9 to resume median %.1f s (min %.1f, max %.1f;"
            + " goal <= 30 s), epochs trained again %s%n",
        kills,
        sorted.get(sorted.size() / 2),
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        repeated);
  }

  @Test
  void post_jobs_from_8_clients_against_two_daemons() throws Exception {
    int clients = 8;
    Duration run = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    try (TwoDaemons two = new TwoDaemons(dir, "10s");
        Carbonshift cs = two.store()) {
      two.start(1);
      two.start(2);
      int[] ports = {two.port(1, WITHIN), two.port(2, WITHIN)};
      // far in the future, so that the accepted jobs are planned but none trains meanwhile
      Path descriptor =
          two.fixture.descriptor(
              "post",
              1,
              "earliestStart: " + Instant.now().plus(Duration.ofDays(300)),
              "deadline: " + Instant.now().plus(Duration.ofDays(301)));
      Set<String> accepted = ConcurrentHashMap.newKeySet();
      AtomicInteger refused = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long end = System.nanoTime() + run.toNanos();
      long t0 = System.nanoTime();
      for (int c = 0; c < clients; c++) {
        int port = ports[c % 2];
        pool.submit(
            () -> {
              while (System.nanoTime() < end) {
                try {
                  accepted.add(TwoDaemons.post(port, descriptor));
                } catch (Exception e) {
                  refused.incrementAndGet();
                }
              }
            });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(run.toSeconds() + 60, TimeUnit.SECONDS)).isTrue();
      double seconds = (System.nanoTime() - t0) / 1e9;
      long stored = cs.jobs().all().stream().filter(j -> accepted.contains(j.id())).count();
      System.out.printf(
          "bench cluster-post: %d clients, 2 daemons, %d accepted in %.1f s = %.0f jobs/s,"
              + " %d refused or failed, %d of the accepted in the store (lost: %d)%n",
          clients,
          accepted.size(),
          seconds,
          accepted.size() / seconds,
          refused.get(),
          stored,
          accepted.size() - stored);
      assertThat(stored).isEqualTo(accepted.size());
    }
  }
}
