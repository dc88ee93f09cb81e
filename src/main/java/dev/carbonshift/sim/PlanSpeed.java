package dev.carbonshift.sim;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.plan.PlanRegion;
import dev.carbonshift.plan.PlanRequest;
import dev.carbonshift.plan.PlanResult;
import dev.carbonshift.plan.Planner;
import dev.carbonshift.plan.Reason;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Times one plan of many queued jobs over many regions on fine-grained forecasts. */
public final class PlanSpeed {
  private PlanSpeed() {}

  public static PlanRequest request(int jobs, int regions, int hours, int stepMinutes, long seed) {
    Random rnd = new Random(seed);
    Instant now = Instant.parse("2022-06-01T00:00:00Z");
    List<PlanRegion> rs = new ArrayList<>();
    Map<String, Forecast> fs = new HashMap<>();
    int points = hours * 60 / stepMinutes;
    for (int r = 0; r < regions; r++) {
      String zone = "Z" + r;
      rs.add(new PlanRegion("r" + r, zone, 1.1 + 0.01 * r, Math.max(2, jobs / regions / 4)));
      double base = 50 + rnd.nextInt(400);
      double phase = rnd.nextDouble() * 24;
      List<IntensityPoint> pts = new ArrayList<>(points);
      for (int i = 0; i < points; i++) {
        Instant s = now.plus(Duration.ofMinutes((long) i * stepMinutes));
        double h = i * stepMinutes / 60.0;
        double v = base * (1 + 0.4 * Math.sin(2 * Math.PI * (h + phase) / 24)) + rnd.nextInt(20);
        pts.add(
            new IntensityPoint(
                zone,
                s,
                s.plus(Duration.ofMinutes(stepMinutes)),
                Math.max(0, v),
                IntensityKind.FORECAST,
                Signal.AVERAGE,
                EmissionFactor.DIRECT,
                "bench"));
      }
      fs.put(zone, new Forecast(zone, now, pts));
    }
    List<PlanJob> js = new ArrayList<>(jobs);
    for (int i = 0; i < jobs; i++) {
      Instant e = now.plus(Duration.ofMinutes(rnd.nextInt(24 * 60)));
      Duration d = Duration.ofMinutes(60 + rnd.nextInt(11 * 60));
      Duration slack = Duration.ofMinutes(240 + rnd.nextInt(20 * 60));
      js.add(
          new PlanJob(
              "q" + i,
              now,
              e,
              e.plus(d).plus(slack),
              d,
              300 + rnd.nextInt(2000),
              rnd.nextDouble() < 0.4,
              null,
              0,
              0,
              "r" + rnd.nextInt(regions),
              Set.of()));
    }
    return new PlanRequest(js, rs, fs, Map.of(), List.of(), now, null);
  }

  public static void run(PrintWriter out) {
    PlanRequest req = request(10_000, 20, 72, 5, 3);
    Planner.plan(req);
    Benchmarks.resetPeaks();
    long best = Long.MAX_VALUE;
    PlanResult last = null;
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      last = Planner.plan(req);
      best = Math.min(best, System.nanoTime() - t0);
    }
    long over =
        last.placements().stream()
            .filter(p -> p.reason().outcome() == Reason.Outcome.NO_CAPACITY)
            .count();
    out.printf(
        Locale.ROOT,
        "%nplan of 10,000 jobs x 20 regions x 72 h of 5-minute forecasts: %.0f ms (best of 3,"
            + " after one warm-up), %s, saving %.1f%%, %d over capacity, peak heap %d MiB%n",
        best / 1e6,
        last.method(),
        100 * (1 - last.totalGCo2e() / last.baselineGCo2e()),
        over,
        Benchmarks.peakHeapMiB());
  }
}
