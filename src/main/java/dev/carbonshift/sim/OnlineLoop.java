package dev.carbonshift.sim;

import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.plan.PlanRequest;
import dev.carbonshift.plan.PlanResult;
import dev.carbonshift.plan.PlanSettings;
import dev.carbonshift.plan.Planner;
import dev.carbonshift.plan.RunningJob;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carbonshift online. Forecasts are issued at the top of every hour; the first submission after a
 * new issue re-plans every job not yet started. A later submission in the same hour is inserted
 * around the current plan; when capacity pushes it off its own cheapest option (or leaves it no
 * room), the jobs not yet started are re-planned together instead, so that the newcomer can take a
 * clean slot from one that loses less by moving. With up to {@link #RESOLVE_QUEUE_UP_TO} jobs
 * waiting that re-plan is usually the exact MILP; with more, the insertion stands (the long queues
 * of a busy cluster would spend seconds per arrival for little gain). A job whose planned start has
 * passed has started and never moves.
 */
final class OnlineLoop {
  private static final long ISSUE_EVERY_SECONDS = 3600;

  /** Longest queue re-planned whole on an arrival that capacity displaced. */
  static final int RESOLVE_QUEUE_UP_TO = 16;

  private final World world;
  private final ForecastMode mode;
  private final PlanSettings settings;
  private final Accounting acc;
  private final Map<String, SimJob> pending = new LinkedHashMap<>();
  private final Map<String, Placement> planned = new HashMap<>();
  private final List<RunningJob> started = new ArrayList<>();
  private Map<String, Forecast> forecasts = Map.of();
  private long issuedAt = Long.MIN_VALUE;

  OnlineLoop(World world, ForecastMode mode, PlanSettings settings, Accounting acc) {
    this.world = world;
    this.mode = mode;
    this.settings = settings;
    this.acc = acc;
  }

  void run(List<SimJob> jobs) {
    for (SimJob job : jobs) {
      Instant now = job.submitted();
      commitStarted(now);
      pending.put(job.id(), job);
      long issue = Math.floorDiv(now.getEpochSecond(), ISSUE_EVERY_SECONDS) * ISSUE_EVERY_SECONDS;
      if (issue != issuedAt) {
        issuedAt = issue;
        forecasts = issue(Instant.ofEpochSecond(issue));
        List<PlanJob> all = pending.values().stream().map(SimJob::toPlanJob).toList();
        adopt(Planner.plan(request(all, started, now)));
      } else {
        List<RunningJob> held = new ArrayList<>(started);
        for (Placement p : planned.values()) {
          held.add(new RunningJob(p.jobId(), p.regionId(), p.slices()));
        }
        PlanResult inserted = Planner.plan(request(List.of(job.toPlanJob()), held, now));
        boolean noRoom = inserted.placements().get(0).reason().startsWith(Planner.NO_CAPACITY);
        if (noRoom || (inserted.capacityBound() && pending.size() <= RESOLVE_QUEUE_UP_TO)) {
          // move jobs not yet started to make room, or to give the clean slot to whoever gains most
          List<PlanJob> all = pending.values().stream().map(SimJob::toPlanJob).toList();
          adopt(Planner.plan(request(all, started, now)));
        } else {
          adopt(inserted);
        }
      }
    }
    commitStarted(Instant.MAX);
  }

  private PlanRequest request(List<PlanJob> jobs, List<RunningJob> held, Instant now) {
    return new PlanRequest(jobs, world.regions(), forecasts, Map.of(), held, now, settings);
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
          started.add(new RunningJob(p.jobId(), p.regionId(), p.slices()));
        }
      }
    }
  }
}
