package dev.carbonshift.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.region.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The anticipating online policy learns from the past of the replay only, and keeps deadlines. */
class AnticipatingReplayTest {
  private static final Instant DAY0 = Instant.parse("2022-03-03T00:00:00Z");
  private static final Duration H = Duration.ofHours(1);
  private static final int DAYS = 8;

  /** Hourly trace: a daily wave around {@code mean}. */
  private static Trace trace(String zone, double mean, double swing, int phase) {
    int n = DAYS * 24;
    long[] t = new long[n];
    double[] v = new double[n];
    for (int h = 0; h < n; h++) {
      t[h] = DAY0.plus(H.multipliedBy(h)).getEpochSecond();
      v[h] = mean + swing * Math.sin(2 * Math.PI * (h + phase) / 24.0);
    }
    return new Trace(zone, zone + ".csv", t, v, H, EmissionFactor.DIRECT, List.of());
  }

  private static World world() {
    List<Region> regions =
        List.of(
            new Region("no", "no", "NO", 1.1, 2, null, null, null, List.of(), null),
            new Region("es", "es", "ES", 1.2, 50, null, null, null, List.of(), null));
    return World.of(
        "regions",
        regions,
        "traces",
        Map.of("NO", trace("NO", 40, 30, 0), "ES", trace("ES", 300, 60, 7)));
  }

  /** Jobs arriving at random over {@code [fromH, toH)}, of {@code maxH} hours at most. */
  private static List<SimJob> jobs(Random rnd, String prefix, int fromH, int toH, int n, int maxH) {
    List<SimJob> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = DAY0.plusSeconds((long) ((fromH + rnd.nextDouble() * (toH - fromH)) * 3600));
      Duration d = Duration.ofMinutes(60 + rnd.nextInt((maxH - 1) * 60 + 1));
      Duration slack = Duration.ofMinutes(4 * 60 + rnd.nextInt(12 * 60));
      out.add(
          new SimJob(
              String.format("%s%03d", prefix, i),
              at,
              d,
              new double[] {0.3, 0.6, 1.2, 2.4}[rnd.nextInt(4)],
              at.plus(d).plus(slack),
              rnd.nextDouble() < 0.4,
              "es",
              Set.of(),
              0));
    }
    return out;
  }

  @Test
  void shuffling_the_future_of_the_replay_does_not_change_a_decision_made_before_it() {
    int cutH = 4 * 24 + 5;
    List<SimJob> past = jobs(new Random(1), "p", 0, cutH, 70, 6);
    List<SimJob> a = new ArrayList<>(past);
    a.addAll(jobs(new Random(2), "f", cutH, (DAYS - 2) * 24, 30, 6));
    // the same past, a different future: other arrival times, lengths, powers and count
    List<SimJob> b = new ArrayList<>(past);
    b.addAll(jobs(new Random(3), "g", cutH, (DAYS - 2) * 24, 45, 8));
    Instant cut = DAY0.plus(H.multipliedBy(cutH));

    SimResult ra = Simulation.run(world(), "a", a, Policy.ANTICIPATING, new ForecastMode.Perfect());
    SimResult rb = Simulation.run(world(), "b", b, Policy.ANTICIPATING, new ForecastMode.Perfect());

    List<SimPlacement> before =
        ra.placements().stream().filter(p -> p.start().isBefore(cut)).toList();
    assertThat(before).hasSizeGreaterThan(40);
    for (SimPlacement p : before) {
      SimPlacement q =
          rb.placements().stream().filter(x -> x.job().equals(p.job())).findFirst().orElseThrow();
      assertThat(q).as(p.job()).isEqualTo(p);
    }
    // the futures did differ, and the policy did anticipate from the past in both
    assertThat(ra.totalKgCo2e()).isNotEqualTo(rb.totalKgCo2e());
  }

  @Test
  void when_the_future_differs_from_the_past_anticipation_keeps_every_reachable_deadline() {
    // four busy days of long jobs, then a quiet stream of short ones: the past misleads
    List<SimJob> jobs = new ArrayList<>(jobs(new Random(5), "busy", 0, 4 * 24, 90, 10));
    jobs.addAll(jobs(new Random(6), "quiet", 4 * 24, (DAYS - 2) * 24, 12, 2));

    SimResult anticipating =
        Simulation.run(world(), "w", jobs, Policy.ANTICIPATING, new ForecastMode.Perfect());
    SimResult myopic =
        Simulation.run(world(), "w", jobs, Policy.CARBON_AWARE, new ForecastMode.Perfect());

    assertThat(anticipating.deadlineMisses()).isZero();
    assertThat(anticipating.placements()).hasSize(jobs.size());
    assertThat(myopic.deadlineMisses()).isZero();
    // both far ahead of running at once at home
    assertThat(anticipating.totalKgCo2e()).isLessThan(0.8 * anticipating.baselineKgCo2e());
    assertThat(myopic.totalKgCo2e()).isLessThan(0.8 * myopic.baselineKgCo2e());
  }
}
