package dev.carbonshift.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.region.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OnlineLoopTest {
  private static final Instant DAY = Instant.parse("2022-03-03T00:00:00Z");
  private static final Duration H = Duration.ofHours(1);

  /**
   * Hourly trace over two days: {@code before} g/kWh until {@code cleanFrom} h, then {@code after}.
   */
  private static Trace trace(String zone, double before, int cleanFrom, double after) {
    long[] t = new long[48];
    double[] v = new double[48];
    for (int h = 0; h < 48; h++) {
      t[h] = DAY.plus(H.multipliedBy(h)).getEpochSecond();
      v[h] = h < cleanFrom ? before : after;
    }
    return new Trace(zone, zone + ".csv", t, v, H, EmissionFactor.DIRECT, List.of());
  }

  private static World world() {
    return world(2);
  }

  private static World world(int noCapacity) {
    List<Region> regions =
        List.of(
            new Region("no", "no", "NO", 1.1, noCapacity, null, null, null, List.of(), null),
            new Region("es", "es", "ES", 1.2, 50, null, null, null, List.of(), null));
    // Norway is cleanest from noon on; Spain is dirty all day
    return World.of(
        "regions",
        regions,
        "traces",
        Map.of("NO", trace("NO", 60, 12, 10), "ES", trace("ES", 300, 0, 300)));
  }

  private static SimJob job(String id, String at, int hours, double kw, int deadlineH) {
    Instant s = Instant.parse(at);
    return new SimJob(
        id,
        s,
        H.multipliedBy(hours),
        kw,
        s.plus(H.multipliedBy(deadlineH)),
        false,
        "es",
        Set.of(),
        0);
  }

  @Test
  void an_arrival_that_capacity_displaces_takes_the_clean_region_from_jobs_that_lose_less() {
    // two light jobs fill Norway from noon; a heavy job with no slack arrives in the same hour
    List<SimJob> jobs =
        List.of(
            job("light-1", "2022-03-03T10:05:00Z", 4, 0.3, 14),
            job("light-2", "2022-03-03T10:06:00Z", 4, 0.3, 14),
            job("heavy", "2022-03-03T10:30:00Z", 4, 2.4, 4));

    SimResult online =
        Simulation.run(world(), "w", jobs, Policy.CARBON_AWARE, new ForecastMode.Perfect());
    SimResult oracle =
        Simulation.run(world(), "w", jobs, Policy.ORACLE, new ForecastMode.Perfect());

    SimPlacement heavy =
        online.placements().stream().filter(p -> p.job().equals("heavy")).findFirst().orElseThrow();
    assertThat(heavy.region()).isEqualTo("no");
    assertThat(online.deadlineMisses()).isZero();
    assertThat(online.totalKgCo2e())
        .isCloseTo(oracle.totalKgCo2e(), org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void the_displaced_share_counts_the_jobs_capacity_moved_off_their_own_cheapest_option() {
    // each job's own cheapest option is Norway from noon (it must finish by 16:xx); Norway holds 2
    List<SimJob> jobs =
        List.of(
            job("a", "2022-03-03T10:05:00Z", 4, 1, 6),
            job("b", "2022-03-03T10:06:00Z", 4, 1, 6),
            job("c", "2022-03-03T10:07:00Z", 4, 1, 6));

    SimResult tight =
        Simulation.run(world(2), "w", jobs, Policy.CARBON_AWARE, new ForecastMode.Perfect());
    SimResult roomy =
        Simulation.run(world(3), "w", jobs, Policy.CARBON_AWARE, new ForecastMode.Perfect());
    SimResult peers =
        Simulation.run(world(2), "w", jobs, Policy.WINDOW_ARGMIN, new ForecastMode.Perfect());

    // the one displaced job is the one not in Norway at noon, and it emits more than the others
    List<SimPlacement> moved = tight.placements().stream().filter(SimPlacement::displaced).toList();
    assertThat(moved).hasSize(1);
    assertThat(tight.displaced()).isEqualTo(1);
    assertThat(tight.displacedPct())
        .isCloseTo(100.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    SimPlacement m = moved.get(0);
    assertThat(m.region().equals("no") && m.start().equals(DAY.plus(H.multipliedBy(12)))).isFalse();
    assertThat(tight.placements())
        .filteredOn(p -> !p.displaced())
        .allSatisfy(p -> assertThat(p.kgCo2e()).isLessThan(m.kgCo2e()))
        .allSatisfy(p -> assertThat(p.region()).isEqualTo("no"));
    // what it was moved off: its cleanest option, in Norway, which the others took
    assertThat(m.reason().cleanestTaken()).isNotNull();
    assertThat(m.reason().cleanestTaken().regionId()).isEqualTo("no");
    assertThat(m.reason().outcome())
        .isEqualTo(dev.carbonshift.plan.Reason.Outcome.LOWEST_EMISSIONS);
    assertThat(roomy.displaced()).isZero();
    assertThat(roomy.placements()).allSatisfy(p -> assertThat(p.region()).isEqualTo("no"));
    assertThat(peers.displaced()).isZero();
    assertThat(SimJson.toMap(tight)).containsEntry("displaced", 1L);
  }
}
