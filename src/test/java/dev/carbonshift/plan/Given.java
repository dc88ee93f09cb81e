package dev.carbonshift.plan;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Signal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small builders for planner tests. */
final class Given {
  static final Instant T0 = Instant.parse("2022-03-01T00:00:00Z");

  private Given() {}

  static Forecast forecast(String zone, Duration step, double... gramsPerKwh) {
    return forecast(zone, Signal.AVERAGE, step, gramsPerKwh);
  }

  static Forecast forecast(String zone, Signal signal, Duration step, double... gramsPerKwh) {
    List<IntensityPoint> pts = new ArrayList<>();
    for (int i = 0; i < gramsPerKwh.length; i++) {
      Instant s = T0.plus(step.multipliedBy(i));
      pts.add(
          new IntensityPoint(
              zone,
              s,
              s.plus(step),
              gramsPerKwh[i],
              IntensityKind.FORECAST,
              signal,
              EmissionFactor.DIRECT,
              "test"));
    }
    return new Forecast(zone, T0, pts);
  }

  static PlanJob job(String id, double hours, double slackHours, String home, String... regions) {
    return new PlanJob(
        id,
        T0,
        T0,
        T0.plus(minutes(60 * (hours + slackHours))),
        minutes(60 * hours),
        1000,
        false,
        null,
        0,
        0,
        home,
        Set.of(regions));
  }

  static PlanJob interruptible(PlanJob j, Duration minSlice) {
    return new PlanJob(
        j.id(),
        j.submittedAt(),
        j.earliestStart(),
        j.deadline(),
        j.duration(),
        j.powerWatts(),
        true,
        minSlice,
        j.resumeKwh(),
        j.priority(),
        j.home(),
        j.regions());
  }

  static Duration minutes(double m) {
    return Duration.ofSeconds(Math.round(m * 60));
  }

  static PlanRegion region(String id, int capacity) {
    return new PlanRegion(id, id.toUpperCase(java.util.Locale.ROOT), 1.0, capacity);
  }

  static PlanResult plan(
      List<PlanJob> jobs, List<PlanRegion> regions, Map<String, ? extends ForecastResult> f) {
    return plan(jobs, regions, f, PlanSettings.DEFAULT);
  }

  static PlanResult plan(
      List<PlanJob> jobs,
      List<PlanRegion> regions,
      Map<String, ? extends ForecastResult> f,
      PlanSettings settings) {
    return Planner.plan(new PlanRequest(jobs, regions, f, Map.of(), List.of(), T0, settings));
  }

  static PlanSettings heuristicOnly() {
    return PlanSettings.DEFAULT.withExactMaxBinaries(0);
  }

  static long hour(Instant t) {
    return Duration.between(T0, t).toHours();
  }
}
