package dev.carbonshift.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.JobState;
import dev.carbonshift.plan.OnlinePlanner;
import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.plan.RunningJob;
import dev.carbonshift.plan.Slice;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.StoredJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Runs the online policy ({@link OnlinePlanner}) on the stored queue. Waiting, and free to move:
 * QUEUED jobs (the arrivals) and PLANNED jobs whose placement has not started. Holding capacity,
 * never moved: RUNNING jobs, and PLANNED jobs whose placement start has passed (an interruptible
 * job between slices). Each placement made is stored with its reason and the provenance of its
 * intensities; QUEUED jobs become PLANNED.
 */
public final class QueuePlanner {
  /**
   * How long from now a running job holds its region at least, whatever its placement says: its end
   * is an estimate, and one that overruns holds the region until it ends.
   */
  public static final Duration OVERRUN_HOLD = Duration.ofMinutes(15);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JobRepository jobs;
  private final PlacementRepository placements;
  private final PlanningService planning;
  private final RegionCatalog catalog;
  private final Clock clock;

  /**
   * Each waiting job's descriptor as parsed once: a stored descriptor never changes, and a round
   * over a long queue would otherwise parse every one of them again. Jobs that left the queue are
   * dropped at the end of each round.
   */
  private final Map<String, JobSpec> specs = new ConcurrentHashMap<>();

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

  /**
   * A round on fresh forecasts, {@code planRound(true)}: every waiting job is re-planned. Each
   * round asks the carbon sources anew, so this is always right, only dearer than inserting.
   *
   * @return the placements made and stored
   */
  public List<Placement> planRound() {
    return planRound(true);
  }

  /**
   * One round of the online policy.
   *
   * @param forecastsRenewed whether forecasts were renewed since the last round: then every waiting
   *     job is re-planned; else only the QUEUED jobs are inserted around the current plan (and the
   *     waiting jobs re-planned together when capacity displaces them); with neither, nothing is
   *     planned and no source is asked
   * @return the placements made and stored, each reason naming the round's method; jobs whose
   *     placement stands get none
   */
  public List<Placement> planRound(boolean forecastsRenewed) {
    Instant now = clock.instant();
    List<PlanJob> waiting = new ArrayList<>();
    Map<String, Placement> current = new HashMap<>();
    List<RunningJob> held = new ArrayList<>();
    Set<String> arrivals = new HashSet<>();
    Map<String, StoredJob> byId = new HashMap<>();
    JobState[] open = {JobState.QUEUED, JobState.PLANNED, JobState.RUNNING};
    Map<String, PlacementRecord> placedNow = placements.currentOfJobsIn(open);
    List<StoredJob> openJobs = jobs.inState(open);
    specs.keySet().retainAll(openJobs.stream().map(StoredJob::id).collect(Collectors.toSet()));
    for (StoredJob j : openJobs) {
      Optional<PlacementRecord> p = Optional.ofNullable(placedNow.get(j.id()));
      if (j.state() == JobState.RUNNING) {
        p.ifPresent(
            r ->
                held.add(
                    RunningJob.running(
                        j.id(), r.region(), slices(r), now, OVERRUN_HOLD, gpusOf(j))));
      } else if (j.state() == JobState.PLANNED && p.isPresent() && !p.get().start().isAfter(now)) {
        held.add(RunningJob.remaining(j.id(), p.get().region(), slices(p.get()), now, gpusOf(j)));
      } else {
        PlanJob planned;
        try {
          planned = planJob(j);
        } catch (RuntimeException e) {
          // one job that no longer reads (stricter rules since it was stored) fails alone; it
          // never stops the round for the others
          jobs.transition(
              j.id(),
              JobState.FAILED,
              "cannot be planned: its stored descriptor: " + e.getMessage());
          continue;
        }
        waiting.add(planned);
        byId.put(j.id(), j);
        if (j.state() == JobState.QUEUED || p.isEmpty()) {
          arrivals.add(j.id());
        } else {
          current.put(j.id(), placement(p.get()));
        }
      }
    }
    OnlinePlanner.Queue queue = new OnlinePlanner.Queue(waiting, current, held, arrivals);
    if (queue.settled(forecastsRenewed) || waiting.isEmpty()) {
      return List.of();
    }
    PlanningService.Round round = planning.planOnline(queue, forecastsRenewed, now);
    List<Placement> made = new ArrayList<>();
    for (Placement planned : round.result().placements()) {
      // each stored placement says which method of its round found it
      Placement p = planned.foundBy(round.result().method());
      made.add(p);
      StoredJob j = byId.get(p.jobId());
      placements.save(
          new PlacementRecord(
              0,
              j.id(),
              now,
              p.regionId(),
              p.start(),
              p.end(),
              slicesJson(p.slices()),
              p.kwh(),
              p.gCo2e(),
              p.baselineGCo2e(),
              p.reason(),
              "intensities: " + round.provenanceOf(p.regionId()) + "; " + p.fallback()));
      if (j.state() == JobState.QUEUED) {
        jobs.transition(j.id(), JobState.PLANNED, "placed in " + p.regionId() + " at " + p.start());
      }
    }
    return made;
  }

  /** The planner's view of a stored job, its times as resolved at submission. */
  PlanJob planJob(StoredJob j) {
    return PlanJob.of(j.id(), spec(j), j.submittedAt(), j.earliestStart(), j.deadline());
  }

  private JobSpec spec(StoredJob j) {
    return specs.computeIfAbsent(j.id(), id -> JobIntake.specOf(j, catalog, clock));
  }

  /**
   * GPUs a started job holds. One whose stored descriptor no longer reads keeps running and is not
   * failed here; it then holds its job's place but no GPUs the planner knows of.
   */
  private int gpusOf(StoredJob j) {
    try {
      return spec(j).gpus();
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static Placement placement(PlacementRecord r) {
    return new Placement(
        r.jobId(),
        r.region(),
        r.start(),
        r.end(),
        slices(r),
        r.expectedKwh(),
        r.expectedGCo2e(),
        r.baselineGCo2e(),
        r.reason(),
        r.fallback());
  }

  /** The stored slices of a placement; one from start to end when it is not sliced. */
  public static List<Slice> slices(PlacementRecord r) {
    if (r.slicesJson() == null || r.slicesJson().isBlank()) {
      return List.of(new Slice(r.start(), r.end()));
    }
    try {
      List<Slice> out = new ArrayList<>();
      for (JsonNode s : JSON.readTree(r.slicesJson())) {
        out.add(
            new Slice(
                Instant.parse(s.path("start").asText()), Instant.parse(s.path("end").asText())));
      }
      return out.isEmpty() ? List.of(new Slice(r.start(), r.end())) : out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("placement " + r.id() + ": unreadable slices", e);
    }
  }

  static String slicesJson(List<Slice> slices) {
    if (slices.size() <= 1) {
      return null;
    }
    ArrayNode a = JSON.createArrayNode();
    for (Slice s : slices) {
      a.addObject().put("start", s.start().toString()).put("end", s.end().toString());
    }
    return a.toString();
  }
}
