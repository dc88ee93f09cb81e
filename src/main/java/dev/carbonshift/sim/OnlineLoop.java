package dev.carbonshift.sim;

import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.plan.Anticipation;
import dev.carbonshift.plan.OnlinePlanner;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanResult;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.plan.RunningJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carbonshift online, as the daemon runs it ({@link OnlinePlanner}), over simulated time. Forecasts
 * are issued at the top of every hour, so the first submission after a new issue is a round with
 * renewed forecasts; a later submission in the same hour is an arrival on the current plan. A job
 * whose planned start has passed has started and never moves. Anticipating, each round also sees
 * the futures sampled from the arrivals so far ({@link Anticipation}); myopic, none.
 */
final class OnlineLoop {
  private static final long ISSUE_EVERY_SECONDS = 3600;

  private final World world;
  private final ForecastMode mode;
  private final PlanSettings settings;
  private final Accounting acc;
  private final Map<String, SimJob> pending = new LinkedHashMap<>();
  private final Map<String, Placement> planned = new HashMap<>();
  private final List<RunningJob> started = new ArrayList<>();
  // the arrivals of the days a sample is drawn from, oldest first
  private final java.util.ArrayDeque<dev.carbonshift.plan.PlanJob> history =
      new java.util.ArrayDeque<>();
  private final boolean anticipate;
  private Map<String, Forecast> forecasts = Map.of();
  private long issuedAt = Long.MIN_VALUE;

  OnlineLoop(
      World world, ForecastMode mode, PlanSettings settings, boolean anticipate, Accounting acc) {
    this.world = world;
    this.mode = mode;
    this.settings = settings;
    this.anticipate = anticipate;
    this.acc = acc;
  }

  OnlineLoop(World world, ForecastMode mode, PlanSettings settings, Accounting acc) {
    this.world = world;
    this.mode = mode;
    this.settings = settings;
    this.anticipate = false;
    this.acc = acc;
  }

  void run(List<SimJob> jobs) {
    for (SimJob job : jobs) {
      Instant now = job.submitted();
      commitStarted(now);
      pending.put(job.id(), job);
      history.addLast(job.toPlanJob());
      Instant oldest = now.minus(java.time.Duration.ofDays(Anticipation.SAMPLES));
      while (history.peekFirst().submittedAt().isBefore(oldest)) {
        history.removeFirst();
      }
      long issue = Math.floorDiv(now.getEpochSecond(), ISSUE_EVERY_SECONDS) * ISSUE_EVERY_SECONDS;
      boolean renewed = issue != issuedAt;
      if (renewed) {
        issuedAt = issue;
        forecasts = issue(Instant.ofEpochSecond(issue));
      }
      OnlinePlanner.Queue queue =
          new OnlinePlanner.Queue(
              pending.values().stream().map(SimJob::toPlanJob).toList(),
              planned,
              started,
              Set.of(job.id()));
      OnlinePlanner.Conditions at =
          new OnlinePlanner.Conditions(
              world.regions(),
              forecasts,
              Map.of(),
              now,
              settings,
              anticipate
                  ? Anticipation.at(List.copyOf(history), jobs.get(0).submitted(), now)
                  : Anticipation.Futures.NONE);
      adopt(OnlinePlanner.plan(queue, renewed, at));
    }
    commitStarted(Instant.MAX);
  }

  private void adopt(PlanResult result) {
    for (Placement p : result.placements()) {
      planned.put(p.jobId(), p);
    }
  }

  private Map<String, Forecast> issue(Instant at) {
    Map<String, Forecast> out = new HashMap<>();
    world.actualsByZone.forEach((zone, a) -> out.put(zone, mode.issue(a.trace, at)));
    return out;
  }

  /** Jobs whose planned start lies before {@code now} have started: fix them. */
  private void commitStarted(Instant now) {
    started.removeIf(r -> !r.slices().get(r.slices().size() - 1).end().isAfter(now));
    for (Iterator<SimJob> it = pending.values().iterator(); it.hasNext(); ) {
      SimJob j = it.next();
      Placement p = planned.get(j.id());
      if (p != null && p.start().isBefore(now)) {
        it.remove();
        planned.remove(j.id());
        acc.record(j, p);
        if (p.end().isAfter(now)) {
          started.add(RunningJob.of(j.toPlanJob(), p));
        }
      }
    }
  }
}
