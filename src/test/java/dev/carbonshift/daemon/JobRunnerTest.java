package dev.carbonshift.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.carbonshift.carbon.chain.CarbonSources;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ModelledMeter;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.ModelVersionRepository;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.RunRepository;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.testing.TestClock;
import dev.carbonshift.train.ModelVersion;
import dev.carbonshift.train.Trainers;
import dev.carbonshift.train.TrainingListener;
import dev.carbonshift.train.TrainingOutcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submit, plan and run a tiny real job: Deeplearning4j trains for a few epochs on a slice of the GB
 * trace, under a fixed-power meter whose clock moves one minute per epoch.
 */
class JobRunnerTest {
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final RegionCatalog CATALOG = RegionCatalog.load(Path.of("regions"));
  private static final Path FIXTURES = Path.of("test-fixtures", "train");
  private static final double WATTS = 100;

  @TempDir Path dir;

  private final TestClock clock = new TestClock(NOW);
  private JobRepository jobs;
  private PlacementRepository placements;
  private RunRepository runs;
  private ModelVersionRepository models;
  private CarbonSources sources;

  @BeforeEach
  void openStore() {
    Database db = Database.inMemory("job-runner-" + UUID.randomUUID());
    jobs = new JobRepository(db, clock);
    placements = new PlacementRepository(db);
    runs = new RunRepository(db);
    models = new ModelVersionRepository(db);
    sources = CarbonSources.fromEnvironment(Map.of(), clock, CATALOG, null);
  }

  @AfterEach
  void closeSources() {
    sources.close();
  }

  @Test
  void a_planned_job_trains_succeeds_and_its_run_is_accounted_against_home_and_linked_to_its_model()
      throws IOException {
    Files.copy(FIXTURES.resolve("gb-2019-12.csv"), dir.resolve("gb.csv"));
    StoredJob job = submitAndPlan(descriptor("tiny-gb", "gb.csv"));
    PlacementRecord placed = placements.current(job.id()).orElseThrow();
    clock.set(placed.start());

    JobRunner.Result result =
        runner().run(job, LiveRun.detached(job.id()), everyEpochTakesAMinute());

    TrainingOutcome.Completed done = (TrainingOutcome.Completed) result.outcome().orElseThrow();
    assertThat(result.job().state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(result.job().stateReason()).startsWith("tiny-gb:1: ");
    List<RunRecord> recorded = runs.forJob(job.id());
    assertThat(recorded).hasSize(1);
    RunRecord run = recorded.get(0);
    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(run.region()).isEqualTo(placed.region());
    assertThat(run.startedAt()).isEqualTo(placed.start());
    RunRecord.Accounting a = run.accounting();
    double minutes = done.run().epochs();
    assertThat(a.itKwh()).isPositive().isCloseTo(WATTS * minutes / 60 / 1000, offset(1e-9));
    assertThat(a.kgCo2e()).isPositive();
    assertThat(a.baselineRegion()).isEqualTo("gb");
    assertThat(a.baselineKgCo2e()).isNotNull().isPositive();
    assertThat(a.avoidedKgCo2e()).isCloseTo(a.baselineKgCo2e() - a.kgCo2e(), offset(1e-12));
    assertThat(run.modelVersionId()).isNotNull().isEqualTo(models.idOf("tiny-gb", 1).orElseThrow());
    assertThat(run.metricName()).isEqualTo(done.run().metric());
    ModelVersion v = models.latest("tiny-gb").orElseThrow();
    assertThat(v.directory()).isEqualTo(done.version().directory());
    // the version's cost is its run's account: one measurement, one account
    assertThat(v.kwh()).isCloseTo(a.itKwh(), offset(1e-12));
    assertThat(v.kgCo2e()).isCloseTo(a.kgCo2e(), offset(1e-12));
  }

  @Test
  void a_dataset_without_its_label_column_fails_the_job_naming_file_and_column_and_keeps_no_model()
      throws IOException {
    Files.copy(FIXTURES.resolve("missing-column.csv"), dir.resolve("missing-column.csv"));
    StoredJob job = submitAndPlan(descriptor("tiny-broken", "missing-column.csv"));
    clock.set(placements.current(job.id()).orElseThrow().start());

    JobRunner.Result result =
        runner().run(job, LiveRun.detached(job.id()), everyEpochTakesAMinute());

    assertThat(result.outcome()).containsInstanceOf(TrainingOutcome.Failed.class);
    assertThat(result.job().state()).isEqualTo(JobState.FAILED);
    assertThat(result.job().stateReason())
        .contains("missing-column.csv")
        .contains("no column 'Carbon Intensity'");
    RunRecord run = runs.forJob(job.id()).get(0);
    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(run.modelVersionId()).isNull();
    assertThat(models.list(null)).isEmpty();
    assertThat(dir.resolve("models").resolve("tiny-broken")).doesNotExist();
  }

  private Path descriptor(String name, String csv) throws IOException {
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
          epochs: 3
          batchSize: 64
          seed: 1
        estimate: {duration: 1h, powerWatts: 100}
        deadline: 12h
        regions: [gb, es]
        home: gb
        """
            .formatted(name, csv));
    return file;
  }

  private StoredJob submitAndPlan(Path descriptor) {
    StoredJob submitted = new JobIntake(CATALOG, jobs, clock).submit(List.of(descriptor)).get(0);
    new QueuePlanner(
            jobs,
            placements,
            new PlanningService(CATALOG, sources, clock, PlanSettings.DEFAULT),
            CATALOG,
            clock)
        .planRound();
    StoredJob planned = jobs.find(submitted.id()).orElseThrow();
    assertThat(planned.state()).isEqualTo(JobState.PLANNED);
    return planned;
  }

  private JobRunner runner() {
    return new JobRunner(
        jobs,
        placements,
        runs,
        models,
        CATALOG,
        sources,
        Trainers.dl4j(models, dir.resolve("models"), clock),
        ModelledMeter.constantPower(clock, Component.CPU, WATTS),
        clock,
        "test:1:1");
  }

  /** No sleeping: the meter's clock moves a minute each time an epoch ends. */
  private TrainingListener everyEpochTakesAMinute() {
    return progress -> clock.advance(Duration.ofMinutes(1));
  }
}
