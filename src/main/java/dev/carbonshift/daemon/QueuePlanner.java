package dev.carbonshift.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.plan.Slice;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.StoredJob;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Plans the stored queue: every QUEUED job, and every PLANNED job that has not started (it may move
 * when fresher forecasts say so), gets a placement stored with its reason and the provenance of its
 * intensities; QUEUED jobs become PLANNED.
 */
public final class QueuePlanner {
  private final JobRepository jobs;
  private final PlacementRepository placements;
  private final PlanningService planning;
  private final RegionCatalog catalog;
  private final Clock clock;

  public QueuePlanner(
      JobRepository jobs,
      PlacementRepository placements,
      PlanningService planning,
      RegionCatalog catalog,
      Clock clock) {
    this.jobs = jobs;
    this.placements = placements;
    this.planning = planning;
    this.catalog = catalog;
    this.clock = clock;
  }

  /** One round; returns the placements made, by job id. */
  public List<Placement> planRound() {
    List<StoredJob> waiting = new ArrayList<>();
    for (StoredJob j : jobs.inState(JobState.QUEUED, JobState.PLANNED)) {
      boolean started =
          j.state() == JobState.PLANNED
              && placements
                  .current(j.id())
                  .map(p -> !p.start().isAfter(clock.instant()))
                  .orElse(false);
      if (!started) {
        waiting.add(j);
      }
    }
    if (waiting.isEmpty()) {
      return List.of();
    }
    List<PlanJob> planJobs = new ArrayList<>();
    for (StoredJob j : waiting) {
      planJobs.add(planJob(j));
    }
    PlanningService.Round round = planning.plan(planJobs, List.of());
    Map<String, StoredJob> byId = new java.util.HashMap<>();
    waiting.forEach(j -> byId.put(j.id(), j));
    for (Placement p : round.result().placements()) {
      StoredJob j = byId.get(p.jobId());
      placements.save(
          new PlacementRecord(
              0,
              j.id(),
              clock.instant(),
              p.regionId(),
              p.start(),
              p.end(),
              slicesJson(p.slices()),
              p.kwh(),
              p.gCo2e(),
              p.baselineGCo2e(),
              p.reason() + " [" + round.result().method() + "]",
              "intensities: " + round.provenanceOf(p.regionId()) + "; " + p.fallback()));
      if (j.state() == JobState.QUEUED) {
        jobs.transition(j.id(), JobState.PLANNED, "placed in " + p.regionId() + " at " + p.start());
      }
    }
    return round.result().placements();
  }

  /** The planner's view of a stored job, its times as resolved at submission. */
  PlanJob planJob(StoredJob j) {
    JobSpec spec = JobIntake.specOf(j, catalog, clock);
    PlanJob fromSpec = PlanJob.of(j.id(), EstimateDefaults.orDefault(spec), j.submittedAt());
    return new PlanJob(
        j.id(),
        j.submittedAt(),
        j.earliestStart(),
        j.deadline(),
        fromSpec.duration(),
        fromSpec.powerWatts(),
        fromSpec.interruptible(),
        fromSpec.minSlice(),
        fromSpec.resumeKwh(),
        fromSpec.priority(),
        fromSpec.home(),
        fromSpec.regions());
  }

  private static String slicesJson(List<Slice> slices) {
    if (slices.size() <= 1) {
      return null;
    }
    ObjectMapper m = new ObjectMapper();
    ArrayNode a = m.createArrayNode();
    for (Slice s : slices) {
      a.addObject().put("start", s.start().toString()).put("end", s.end().toString());
    }
    return a.toString();
  }
}
