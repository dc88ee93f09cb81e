package dev.carbonshift.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.region.Gpus;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rounds on a real store where the cleanest region, Norway, holds two jobs and two GPUs: a running
 * job keeps the GPUs its descriptor asks for, so a later job that needs one goes elsewhere while
 * one that needs none still runs beside it.
 */
class RunningJobsHoldGpusTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final RegionCatalog CATALOG =
      RegionCatalog.of(
          Path.of("regions"),
          List.of(
              region("no", "NO", 2, new Gpus("NVIDIA T4", 2, 70), "NO_2022_hourly"),
              region("es", "ES", 4, new Gpus("NVIDIA A10G", 4, 150), "ES_2022_hourly")));

  private final TestClock clock = new TestClock(NOW);
  private JobRepository jobs;
  private PlacementRepository placements;
  private JobIntake intake;
  private CarbonSources sources;
  private QueuePlanner planner;

  private static Region region(String id, String zone, int capacity, Gpus gpus, String trace) {
    return new Region(
        id,
        id,
        zone,
        1.1,
        capacity,
        gpus,
        null,
        null,
        List.of("trace", "yearly"),
        "../data/traces/" + trace + ".csv.gz");
  }

  @BeforeEach
  void openStore() {
    Database db = Database.inMemory("hold-gpus-" + UUID.randomUUID());
    jobs = new JobRepository(db, clock);
    placements = new PlacementRepository(db);
    intake = new JobIntake(CATALOG, jobs, clock);
    sources = CarbonSources.fromEnvironment(Map.of(), clock, CATALOG, null);
    planner =
        new QueuePlanner(
            jobs,
            placements,
            new PlanningService(CATALOG, sources, clock, PlanSettings.DEFAULT),
            CATALOG,
            clock);
  }

  @AfterEach
  void closeSources() {
    sources.close();
  }

  private StoredJob submit(String name, String deadline, String gpusLine) {
    return intake.submitText(
        name + ".yaml",
        "name: "
            + name
            + "\nkind: train\nestimate: {duration: 2h, powerWatts: 250}\ndeadline: "
            + deadline
            + "\nregions: [es, no]\nhome: es\n"
            + gpusLine);
  }

  /** Job a, on both of Norway's GPUs, planned and started there as the runner does. */
  private PlacementRecord aRunningInNorway() {
    StoredJob a = submit("a", "12h", "gpus: 2\n");
    planner.planRound();
    PlacementRecord p = placements.current(a.id()).orElseThrow();
    assertThat(p.region()).as("Norway is the cleanest").isEqualTo("no");
    clock.set(p.start().plus(Duration.ofMinutes(1)));
    jobs.transition(a.id(), JobState.RUNNING, "started in no");
    return p;
  }

  /** A job that cannot wait (2 h of work, due in 2 h), planned in a round of its own. */
  private Placement urgent(String name, String gpusLine) {
    StoredJob b = submit(name, "2h", gpusLine);
    List<Placement> made = planner.planRound(false);
    assertThat(made).extracting(Placement::jobId).containsExactly(b.id());
    return made.get(0);
  }

  @Test
  void a_running_job_keeps_its_gpus_so_a_job_that_needs_one_goes_elsewhere() {
    PlacementRecord a = aRunningInNorway();

    Placement b = urgent("b", "gpus: 1\n");

    assertThat(b.regionId()).as("Norway's two GPUs are a's").isEqualTo("es");
    assertThat(b.start()).isBefore(a.end());
  }

  @Test
  void a_job_that_needs_no_gpu_still_runs_beside_it() {
    PlacementRecord a = aRunningInNorway();

    Placement c = urgent("c", "");

    assertThat(c.regionId()).as("Norway holds two jobs and c needs no GPU").isEqualTo("no");
    assertThat(c.start()).isBefore(a.end());
  }
}
