package dev.carbonshift.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanSettings;
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
 * Rounds on a real store where the cleanest region, Norway, takes one job at a time: a job running
 * there keeps it, so a later round must not place another job over it.
 */
class RunningJobsHoldCapacityTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final RegionCatalog CATALOG =
      RegionCatalog.of(
          Path.of("regions"),
          List.of(
              region("no", "NO", 1, "NO_2022_hourly"), region("es", "ES", 4, "ES_2022_hourly")));

  private final TestClock clock = new TestClock(NOW);
  private JobRepository jobs;
  private PlacementRepository placements;
  private JobIntake intake;
  private CarbonSources sources;
  private QueuePlanner planner;

  private static Region region(String id, String zone, int capacity, String trace) {
    return new Region(
        id,
        id,
        zone,
        1.1,
        capacity,
        null,
        null,
        null,
        List.of("trace", "yearly"),
        "../data/traces/" + trace + ".csv.gz");
  }

  @BeforeEach
  void openStore() {
    Database db = Database.inMemory("hold-capacity-" + UUID.randomUUID());
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

  private StoredJob submit(String name, String deadline) {
    return intake.submitText(
        name + ".yaml",
        "name: "
            + name
            + "\nkind: train\nestimate: {duration: 2h, powerWatts: 250}\ndeadline: "
            + deadline
            + "\nregions: [es, no]\nhome: es\n");
  }

  /** Job a, planned into Norway and started there as the runner does; returns its placement. */
  private PlacementRecord aRunningInNorway() {
    StoredJob a = submit("a", "12h");
    planner.planRound();
    PlacementRecord p = placements.current(a.id()).orElseThrow();
    assertThat(p.region()).as("Norway is the cleanest").isEqualTo("no");
    clock.set(p.start().plus(Duration.ofMinutes(1)));
    jobs.transition(a.id(), JobState.RUNNING, "started in no");
    return p;
  }

  private static boolean overlaps(Placement b, PlacementRecord a) {
    return b.regionId().equals(a.region())
        && b.start().isBefore(a.end())
        && a.start().isBefore(b.end());
  }

  /** Job b cannot wait: 2 h of work, due in 2 h. */
  private Placement urgentB(boolean forecastsRenewed) {
    StoredJob b = submit("b", "2h");
    List<Placement> made = planner.planRound(forecastsRenewed);
    assertThat(made).extracting(Placement::jobId).containsExactly(b.id());
    assertThat(placements.current(b.id())).isPresent();
    return made.get(0);
  }

  @Test
  void a_running_job_holds_its_region_so_a_later_round_places_the_next_job_elsewhere() {
    PlacementRecord a = aRunningInNorway();

    for (boolean renewed : new boolean[] {false, true}) {
      Placement b = urgentB(renewed);

      assertThat(overlaps(b, a)).as("b over running a, renewed %s", renewed).isFalse();
      assertThat(b.regionId()).isEqualTo("es");
      assertThat(b.reason().cleanestTaken()).isNotNull();
      assertThat(b.reason().cleanestTaken().regionId()).isEqualTo("no");
      assertThat(placements.current(b.jobId()).orElseThrow().reason()).isEqualTo(b.reason());
      jobs.transition(b.jobId(), JobState.CANCELLED, "next variant: b again");
    }
  }

  @Test
  void without_the_running_job_the_same_job_takes_norway_over_its_window() {
    PlacementRecord a = aRunningInNorway();
    jobs.transition(a.jobId(), JobState.CANCELLED, "gone: holds nothing");

    Placement b = urgentB(false);

    assertThat(overlaps(b, a)).isTrue();
  }

  @Test
  void a_running_job_past_its_planned_end_still_holds_its_region() {
    PlacementRecord a = aRunningInNorway();
    clock.set(a.end().plus(Duration.ofMinutes(5)));

    Placement b = urgentB(false);

    assertThat(b.regionId()).as("a overruns in Norway: b must not start there now").isEqualTo("es");
  }

  @Test
  void a_planned_job_whose_start_has_passed_is_held_and_not_moved() {
    StoredJob a = submit("a", "12h");
    planner.planRound();
    PlacementRecord p = placements.current(a.id()).orElseThrow();
    clock.set(p.start().plus(Duration.ofMinutes(1)));

    Placement b = urgentB(true);

    assertThat(placements.history(a.id())).containsExactly(p);
    assertThat(overlaps(b, p)).isFalse();
  }
}
