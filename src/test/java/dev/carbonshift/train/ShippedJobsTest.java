package dev.carbonshift.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.job.JobParser;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.region.RegionCatalog;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example descriptors in {@code jobs/} train on the bundled real data, in lineage order. */
@Tag("slow")
class ShippedJobsTest {
  private static final Path JOBS = Path.of("jobs").toAbsolutePath();
  @TempDir Path dataDir;

  @Test
  void every_shipped_example_trains_to_a_stored_version_with_its_lineage() {
    Clock clock = TrainFixtures.ticking();
    JobParser parser = JobIntake.parserFor(RegionCatalog.load(Path.of("regions")), clock);
    ModelRegistry registry = ModelRegistry.inMemory();
    Trainer trainer = Trainers.dl4j(registry, dataDir, clock);
    java.util.List<String> losers = new java.util.ArrayList<>();
    for (String file :
        new String[] {
          "forecaster-es-train.yaml",
          "forecaster-es-nightly.yaml",
          "weather-seattle-train.yaml",
          "weather-newyork-transfer.yaml",
          "lstm-gb-interruptible.yaml"
        }) {
      JobSpec job = parser.parse(JOBS.resolve(file)).spec();
      var done =
          TrainFixtures.completed(
              trainer.train(TrainingRequest.of(job, JOBS, TrainFixtures.meter(clock))));
      assertThat(done.run().testMetric()).as(file).isFinite();
      TestWindow w = done.version().testWindow();
      System.out.printf(
          "%s: mae %.3f, %s mae %.3f, skill %+.3f on %s..%s (%d)%n",
          file,
          done.run().testMetrics().get("mae"),
          w.reference(),
          w.baselines().get(w.reference()).get("mae"),
          done.run().skill(),
          w.from(),
          w.to(),
          w.samples());
      assertThat(w.samples()).as(file).isGreaterThanOrEqualTo(100);
      // known miss, stated in docs/training.md: the nightly version (seed 42) scores skill -0.006
      // against same-hour-yesterday on its week (it keeps its parent: no epoch beat it on
      // validation); over 5 seeds × 5 nights the bench's incremental retrains beat seasonal
      // persistence on ES in 25 of 25 seed-nights
      if (!file.equals("forecaster-es-nightly.yaml") && !(done.run().skill() > 0)) {
        losers.add(file + " skill " + done.run().skill());
      }
    }
    assertThat(losers).as("shipped models that do not beat seasonal persistence").isEmpty();
    assertThat(registry.latest("ci-forecaster-es").orElseThrow().parentRef())
        .isEqualTo("ci-forecaster-es:1");
    assertThat(registry.latest("weather-newyork").orElseThrow().parentRef())
        .isEqualTo("weather-seattle:1");
  }

  /** The day-ahead forecaster's design is not tuned to Spain: the same descriptor on the others. */
  @Test
  void the_day_ahead_forecaster_beats_seasonal_persistence_on_every_bundled_hourly_trace() {
    Clock clock = TrainFixtures.ticking();
    JobParser parser = JobIntake.parserFor(RegionCatalog.load(Path.of("regions")), clock);
    JobSpec f = parser.parse(JOBS.resolve("forecaster-es-train.yaml")).spec();
    Trainer trainer = Trainers.dl4j(ModelRegistry.inMemory(), dataDir, clock);
    java.util.Map<String, Double> skill = new java.util.TreeMap<>();
    for (String trace :
        new String[] {
          "ES_2022_hourly.csv.gz", "NO_2022_hourly.csv.gz", "US-CAL-CISO_2022_hourly.csv.gz"
        }) {
      var d = f.dataset();
      var job =
          BenchJobs.variant(
              f,
              "forecaster-" + trace.substring(0, 2).toLowerCase(java.util.Locale.ROOT),
              f.strategy(),
              null,
              new dev.carbonshift.job.DatasetSpec(
                  Path.of(d.path()).resolveSibling(trace).toString(),
                  d.features(),
                  d.label(),
                  d.timeColumn(),
                  d.from(),
                  d.to(),
                  d.window(),
                  d.horizon(),
                  d.fraction(),
                  d.filter(),
                  d.split(),
                  java.util.List.of(),
                  null),
              f.network());
      var done =
          TrainFixtures.completed(
              trainer.train(TrainingRequest.of(job, JOBS, TrainFixtures.meter(clock))));
      assertThat(done.run().testWindow().samples()).isGreaterThanOrEqualTo(168);
      skill.put(trace, done.run().skill());
    }
    System.out.println("day-ahead forecaster skill per trace: " + skill);
    assertThat(skill).allSatisfy((trace, s) -> assertThat(s).as(trace).isPositive());
  }
}
