package dev.carbonshift.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.job.JobParser;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.region.RegionCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped day-ahead forecaster's design across traces and seasons: for each bundled hourly
 * trace, each of six months of 2022 and each seed, the shipped descriptor (its network, features
 * and naive forecast, only the data's file, range and seed changed) is trained on the eight weeks
 * before the month's first day and scored on the month's first week (168 hourly points, after all
 * of its training data), beside seasonal persistence. Prints every skill and the median and range.
 *
 * <p>{@code -Dcarbonshift.forecaster=FILE} scores another descriptor (its data path is read
 * relative to {@code jobs/}); {@code -Dcarbonshift.seeds=1,2,3} chooses the seeds.
 */
@Tag("slow")
class ForecasterSeasonsTest {
  private static final Path JOBS = Path.of("jobs").toAbsolutePath();
  static final List<String> TRACES =
      List.of("ES_2022_hourly.csv.gz", "NO_2022_hourly.csv.gz", "US-CAL-CISO_2022_hourly.csv.gz");
  static final int[] MONTHS = {3, 5, 7, 8, 10, 12};
  @TempDir Path dataDir;

  @Test
  void the_day_ahead_forecaster_is_scored_on_the_first_week_of_six_months_of_every_trace() {
    Clock clock = TrainFixtures.ticking();
    JobParser parser = JobIntake.parserFor(RegionCatalog.load(Path.of("regions")), clock);
    Path file =
        Path.of(
            System.getProperty(
                "carbonshift.forecaster", JOBS.resolve("forecaster-es-train.yaml").toString()));
    JobSpec f = parser.parse(file).spec();
    long[] seeds =
        Arrays.stream(System.getProperty("carbonshift.seeds", "1,2,3").split(","))
            .mapToLong(s -> Long.parseLong(s.trim()))
            .toArray();
    Trainer trainer = Trainers.dl4j(ModelRegistry.inMemory(), dataDir, clock);
    int lead = f.dataset().lead();
    List<Double> all = new ArrayList<>();
    StringBuilder table = new StringBuilder("trace month seed skill mae naive-mae reference\n");
    for (String trace : TRACES) {
      for (int month : MONTHS) {
        LocalDate first = LocalDate.of(2022, month, 1);
        for (long seed : seeds) {
          String tag = trace.substring(0, 2).toLowerCase(Locale.ROOT) + "-" + month + "-" + seed;
          JobSpec job =
              BenchJobs.variant(
                  f,
                  "seasons-" + tag,
                  f.strategy(),
                  null,
                  BenchJobs.data(
                      f.dataset(),
                      trace,
                      first.minusDays(56).atStartOfDay().minusHours(lead),
                      first.plusDays(7).atStartOfDay()),
                  f.network().withSeed(seed));
          var done =
              TrainFixtures.completed(
                  trainer.train(TrainingRequest.of(job, JOBS, TrainFixtures.meter(clock))));
          TestWindow w = done.version().testWindow();
          assertThat(w.samples()).isEqualTo(168);
          assertThat(w.from()).startsWith(first.toString());
          double skill = done.run().skill();
          all.add(skill);
          table.append(
              String.format(
                  Locale.ROOT,
                  "%s %d %d %+.3f %.2f %.2f %s%n",
                  trace,
                  month,
                  seed,
                  skill,
                  done.run().testMetrics().get("mae"),
                  w.baselines().get(w.reference()).get("mae"),
                  w.reference()));
        }
      }
    }
    double[] s = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median =
        s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    long positive = all.stream().filter(x -> x > 0).count();
    System.out.print(table);
    System.out.printf(
        Locale.ROOT,
        "%s: skill median %+.3f [%+.3f..%+.3f], > 0 in %d of %d (seeds %s)%n",
        file.getFileName(),
        median,
        s[0],
        s[s.length - 1],
        positive,
        s.length,
        Arrays.toString(seeds));
    assertThat(all).allSatisfy(x -> assertThat(x).isFinite());
  }
}
