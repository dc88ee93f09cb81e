package dev.carbonshift.plan;

import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Resolves a request against one grid: slot length, horizon, and each job's regions and times. */
final class Setup {
  final Grid grid;
  final List<JobCtx> jobs = new ArrayList<>();
  final Set<String> notes = new LinkedHashSet<>();

  private Setup(Grid grid) {
    this.grid = grid;
  }

  static Setup of(PlanRequest req) {
    PlanSettings s = req.settings();
    long now = req.now().getEpochSecond();
    long step = s.slotLength() != null ? s.slotLength().toSeconds() : finestStep(req);
    if (s.slotLength() == null) {
      step = coarsened(req, step, now);
    }
    long origin = Math.floorDiv(now, step) * step;
    long maxEnd = now + s.maxHorizon().toSeconds();
    long end = now + step;
    for (PlanJob j : req.jobs()) {
      long e = Math.max(now, j.earliestStart().getEpochSecond());
      end = Math.max(end, Math.max(deadlineOf(req, j, now), e + j.duration().toSeconds()));
    }
    end = Math.min(end, maxEnd);
    int n = (int) Math.max(1, (end - origin + step - 1) / step);
    Setup setup =
        new Setup(
            Grid.build(origin, step, n, req.regions(), req.forecasts(), req.yearlyGramsPerKwh()));
    for (PlanJob j : req.jobs()) {
      setup.jobs.add(setup.resolve(req, j, now));
    }
    for (int r = 0; r < setup.grid.regions.size(); r++) {
      if (setup.grid.fallbackNote[r] != null) {
        setup.notes.add(setup.grid.fallbackNote[r]);
      }
    }
    return setup;
  }

  private JobCtx resolve(PlanRequest req, PlanJob j, long now) {
    Grid g = grid;
    long earliest = Math.max(now, j.earliestStart().getEpochSecond());
    long wanted = deadlineOf(req, j, now);
    long deadline = Math.min(wanted, g.end());
    int home = -1;
    for (int r = 0; r < g.regions.size(); r++) {
      if (g.regions.get(r).id().equals(j.home())) {
        home = r;
      }
    }
    Signal ref = home >= 0 && g.usable(home) ? g.signal[home] : Signal.AVERAGE;
    List<Integer> ok = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> tooFewGpus = new ArrayList<>();
    boolean mixed = false;
    for (int r = 0; r < g.regions.size(); r++) {
      if (!j.allows(g.regions.get(r).id()) || !g.usable(r)) {
        continue;
      }
      if (!g.regions.get(r).holds(j.gpus())) {
        tooFewGpus.add(g.regions.get(r).id() + " has " + g.regions.get(r).gpus());
        continue;
      }
      if (g.signal[r] != ref) {
        if (!req.settings().allowMixedSignals()) {
          skipped.add(g.regions.get(r).id());
          continue;
        }
        mixed = true;
      }
      ok.add(r);
    }
    boolean reachable =
        (j.deadline() == null || earliest + j.duration().toSeconds() <= wanted) && !ok.isEmpty();
    JobCtx c =
        new JobCtx(
            j,
            earliest,
            deadline,
            ok.stream().mapToInt(Integer::intValue).toArray(),
            home,
            reachable);
    if (!tooFewGpus.isEmpty()) {
      String why = "asks for gpus: " + j.gpus() + ", more than " + String.join(", ", tooFewGpus);
      if (ok.isEmpty()) {
        c.gpusBeyond = why;
      } else {
        c.notes.add("did not rank regions with too few GPUs: the job " + why);
      }
    }
    if (j.defaultEstimate()) {
      c.notes.add(PlanJob.DEFAULT_ESTIMATE_NOTE);
    }
    if (!skipped.isEmpty()) {
      c.notes.add(
          "did not rank "
              + String.join(", ", skipped)
              + ": their "
              + (ref == Signal.AVERAGE ? "marginal" : "average")
              + " intensities are not comparable with "
              + ref.name().toLowerCase(Locale.ROOT)
              + " ones (allowMixedSignals is off)");
    }
    if (mixed) {
      c.notes.add("ranked average against marginal intensities, as allowMixedSignals asks");
    }
    if (wanted > deadline) {
      c.notes.add(
          j.deadline() == null
              ? "no deadline: planned within the " + (g.end() - now) / 3600 + " h horizon"
              : "deadline lies beyond the planning horizon: planned within it; re-plan later");
    }
    return c;
  }

  /** The job's deadline; without one, as far as any forecast reaches (or the default horizon). */
  static long deadlineOf(PlanRequest req, PlanJob j, long now) {
    if (j.deadline() != null) {
      return j.deadline().getEpochSecond();
    }
    long reach = now + req.settings().defaultHorizon().toSeconds();
    for (ForecastResult f : req.forecasts().values()) {
      if (f instanceof Forecast ff && !ff.isEmpty()) {
        reach = Math.max(reach, ff.end().getEpochSecond());
      }
    }
    long e = Math.max(now, j.earliestStart().getEpochSecond());
    return Math.max(reach, e + j.duration().toSeconds());
  }

  /**
   * Very large plans trade slot resolution for speed: while jobs × regions × slots exceeds {@link
   * #LARGE_PLAN}, slots grow by whole multiples of the forecast step, up to 15 minutes. Intensities
   * stay time-weighted, so emissions remain exact; only start times get coarser.
   */
  static long coarsened(PlanRequest req, long step, long now) {
    long horizon = req.settings().maxHorizon().toSeconds();
    long reach = 0;
    for (PlanJob j : req.jobs()) {
      reach = Math.max(reach, deadlineOf(req, j, now) - now);
    }
    long slots = Math.min(horizon, reach);
    long base = step;
    for (long m = 2;
        step < 900 && (long) req.jobs().size() * req.regions().size() * (slots / step) > LARGE_PLAN;
        m++) {
      if (900 % (base * m) == 0 || base * m <= 900) {
        step = base * m;
      }
    }
    return step;
  }

  static final long LARGE_PLAN = 50_000_000L;

  /** The shortest typical point length among the forecasts, between 1 minute and 1 hour. */
  static long finestStep(PlanRequest req) {
    long step = 3600;
    for (ForecastResult f : req.forecasts().values()) {
      if (f instanceof Forecast ff && !ff.isEmpty()) {
        int m = Math.min(ff.points().size(), 5);
        long[] lens = new long[m];
        for (int i = 0; i < m; i++) {
          lens[i] = ff.points().get(i).length().toSeconds();
        }
        java.util.Arrays.sort(lens);
        step = Math.min(step, lens[m / 2]);
      }
    }
    return Math.max(60, step);
  }

  static Instant at(long epochSecond) {
    return Instant.ofEpochSecond(epochSecond);
  }
}
