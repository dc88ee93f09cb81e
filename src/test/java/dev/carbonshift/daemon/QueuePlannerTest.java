package dev.carbonshift.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.plan.Reason;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.Decision;
import dev.carbonshift.store.DecisionRepository;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped example jobs, submitted into an in-memory store and planned offline. */
class QueuePlannerTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final RegionCatalog CATALOG = RegionCatalog.load(Path.of("regions"));

  private final TestClock clock = new TestClock(NOW);
  private JobRepository jobs;
  private PlacementRepository placements;
  private DecisionRepository decisions;
  private CarbonSources sources;
  private QueuePlanner planner;
  private final Map<String, List<String>> allowedByName = new HashMap<>();

  @BeforeEach
  void submitTheShippedJobs() throws IOException {
    Database db = Database.inMemory("queue-planner-" + UUID.randomUUID());
    jobs = new JobRepository(db, clock);
    placements = new PlacementRepository(db);
    decisions = new DecisionRepository(db);
    sources = CarbonSources.fromEnvironment(Map.of(), clock, CATALOG, null);
    planner =
        new QueuePlanner(
            jobs,
            placements,
            new PlanningService(CATALOG, sources, clock, PlanSettings.DEFAULT),
            CATALOG,
            clock);
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("jobs"))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    JobIntake intake = new JobIntake(CATALOG, jobs, clock);
    for (Path f : files) {
      JobSpec spec = intake.validate(f).spec();
      allowedByName.put(spec.name(), spec.regions());
    }
    List<StoredJob> stored = intake.submit(files);
    assertThat(stored).hasSize(5);
    // the nightly retrain recurs: it runs through the job its schedule submits
    stored.stream().filter(StoredJob::recurring).forEach(intake::submitOccurrence);
  }

  /** The jobs that run: every stored job but the recurring descriptor itself. */
  private List<StoredJob> runnable() {
    return jobs.all().stream().filter(j -> !j.recurring()).toList();
  }

  @AfterEach
  void closeSources() {
    sources.close();
  }

  @Test
  void one_round_places_every_queued_job_in_an_allowed_region_within_its_window() {
    List<Placement> made = planner.planRound();

    assertThat(made).hasSize(5);
    Map<String, Placement> madeFor = new HashMap<>();
    made.forEach(p -> madeFor.put(p.jobId(), p));
    for (StoredJob j : runnable()) {
      assertThat(j.state()).as(j.name()).isEqualTo(JobState.PLANNED);
      assertThat(j.stateReason()).startsWith("placed in ");
      PlacementRecord p = placements.current(j.id()).orElseThrow();
      List<String> allowed = allowedByName.get(j.name());
      if (!allowed.contains(JobSpec.ANY_REGION)) {
        assertThat(allowed).as(j.name()).contains(p.region());
      }
      assertThat(CATALOG.ids()).contains(p.region());
      assertThat(p.start()).as(j.name()).isAfterOrEqualTo(j.earliestStart());
      assertThat(p.end()).as(j.name()).isAfter(p.start()).isBeforeOrEqualTo(j.deadline());
      assertThat(p.plannedAt()).isEqualTo(NOW);
      assertThat(p.expectedKwh()).isPositive();
      assertThat(p.reason().outcome()).as(j.name()).isEqualTo(Reason.Outcome.LOWEST_EMISSIONS);
      assertThat(p.reason().summary()).as(j.name()).isNotBlank();
      assertThat(p.reason().method())
          .as(j.name())
          .satisfiesAnyOf(
              m -> assertThat(m).startsWith("exact"), m -> assertThat(m).startsWith("heuristic"));
      // the store gives back, part for part, the reason the round made
      assertThat(p.reason()).as(j.name()).isEqualTo(madeFor.get(j.id()).reason());
      // offline, every region's chain starts with an API that is not configured
      assertThat(p.fallback())
          .as(j.name())
          .startsWith("intensities: ")
          .contains("not configured")
          .contains("→");
      List<Decision> logged = decisions.forJob(j.id());
      assertThat(logged)
          .anySatisfy(
              d -> {
                assertThat(d.category()).isEqualTo("placement");
                assertThat(d.decision()).isEqualTo(p.region() + " at " + p.start());
                assertThat(d.reason()).startsWith(p.reason().text() + "; fallback: intensities: ");
              });
      assertThat(logged).anySatisfy(d -> assertThat(d.decision()).isEqualTo("QUEUED -> PLANNED"));
    }
  }

  @Test
  void a_second_round_replans_jobs_not_yet_started_keeping_one_current_placement() {
    planner.planRound();
    clock.advance(Duration.ofMinutes(5));
    Map<String, Instant> startBefore = new HashMap<>();
    runnable().forEach(j -> startBefore.put(j.id(), placements.current(j.id()).get().start()));
    List<String> notStarted =
        startBefore.entrySet().stream()
            .filter(e -> e.getValue().isAfter(clock.instant()))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(notStarted).as("jobs the first round placed later than now").isNotEmpty();

    List<Placement> made = planner.planRound();

    assertThat(made).extracting(Placement::jobId).containsExactlyInAnyOrderElementsOf(notStarted);
    for (StoredJob j : runnable()) {
      List<PlacementRecord> history = placements.history(j.id());
      PlacementRecord current = placements.current(j.id()).orElseThrow();
      assertThat(j.state()).isEqualTo(JobState.PLANNED);
      assertThat(current.id()).isEqualTo(history.get(history.size() - 1).id());
      if (notStarted.contains(j.id())) {
        assertThat(history).as(j.name()).hasSize(2);
        assertThat(current.plannedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
      } else {
        assertThat(history).as(j.name()).hasSize(1);
      }
    }
  }

  @Test
  void a_job_whose_placement_has_started_is_not_moved() {
    planner.planRound();
    StoredJob first =
        runnable().stream()
            .filter(j -> placements.current(j.id()).get().start().isAfter(NOW))
            .min(Comparator.comparing(j -> placements.current(j.id()).get().start()))
            .orElseThrow(() -> new AssertionError("no job was placed later than now"));
    PlacementRecord kept = placements.current(first.id()).orElseThrow();
    clock.set(kept.start().plus(Duration.ofMinutes(1)));

    List<Placement> made = planner.planRound();

    assertThat(made).extracting(Placement::jobId).doesNotContain(first.id());
    assertThat(placements.history(first.id())).hasSize(1);
    assertThat(placements.current(first.id())).contains(kept);
    assertThat(jobs.find(first.id()).orElseThrow().state()).isEqualTo(JobState.PLANNED);
  }
}
