package dev.carbonshift.plan;

import dev.carbonshift.carbon.ForecastResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one online policy, for the daemon and {@code simulate} alike: what to (re)plan in a round
 * given what changed since the last one.
 *
 * <p>When forecasts were renewed, every waiting job is re-planned. Otherwise the arrivals are
 * inserted around the current plan; when capacity pushes one off its own cheapest option (or leaves
 * it no room), the waiting jobs are re-planned together instead, so that the newcomer can take a
 * clean slot from one that loses less by moving. With more than {@link #RESOLVE_QUEUE_UP_TO} jobs
 * waiting the insertion stands: the long queues of a busy cluster would spend seconds per arrival
 * for little gain. Anticipating (the conditions carry sampled futures), every arrival re-plans the
 * waiting jobs together with the futures. Held jobs (started, or between slices) are never moved
 * and hold their capacity. A pure function of its arguments; it reads no clock.
 */
public final class OnlinePlanner {
  /** Longest queue re-planned whole on an arrival that capacity displaced. */
  public static final int RESOLVE_QUEUE_UP_TO = 16;

  /** The method of a round in which nothing needed planning. */
  public static final String NOTHING_TO_PLAN = "nothing to plan: no arrivals, no fresh forecasts";

  private OnlinePlanner() {}

  /**
   * The queue as it stands at a round.
   *
   * @param waiting jobs not yet started, which may move, in arrival order
   * @param current the placement each waiting job holds from an earlier round, by job id; a waiting
   *     job without one is treated as an arrival
   * @param held jobs that hold capacity and never move: started, or between slices
   * @param arrivals ids of the waiting jobs that arrived since the last round; any placement they
   *     hold is ignored
   */
  public record Queue(
      List<PlanJob> waiting,
      Map<String, Placement> current,
      List<RunningJob> held,
      Set<String> arrivals) {

    public Queue {
      waiting = List.copyOf(waiting);
      current = Map.copyOf(current);
      held = List.copyOf(held);
      arrivals = Set.copyOf(arrivals);
    }

    /** Whether a round would change nothing: no fresh forecasts, and nobody to insert. */
    public boolean settled(boolean forecastsRenewed) {
      return !forecastsRenewed && toInsert().isEmpty();
    }

    private List<PlanJob> toInsert() {
      return waiting.stream().filter(this::isArrival).toList();
    }

    private boolean isArrival(PlanJob j) {
      return arrivals.contains(j.id()) || !current.containsKey(j.id());
    }
  }

  /**
   * What a round plans with besides the jobs: the regions, their intensities, the time and the
   * settings, as a {@link PlanRequest} takes them, and what is expected to arrive ({@link
   * Anticipation#at}; {@link Anticipation.Futures#NONE} plans myopically).
   */
  public record Conditions(
      List<PlanRegion> regions,
      Map<String, ? extends ForecastResult> forecasts,
      Map<String, Double> yearlyGramsPerKwh,
      Instant now,
      PlanSettings settings,
      Anticipation.Futures expected) {

    public Conditions {
      Objects.requireNonNull(now, "now");
      expected = expected == null ? Anticipation.Futures.NONE : expected;
    }

    /** Conditions of a myopic round: nothing is expected. */
    public Conditions(
        List<PlanRegion> regions,
        Map<String, ? extends ForecastResult> forecasts,
        Map<String, Double> yearlyGramsPerKwh,
        Instant now,
        PlanSettings settings) {
      this(regions, forecasts, yearlyGramsPerKwh, now, settings, Anticipation.Futures.NONE);
    }

    PlanRequest request(List<PlanJob> jobs, List<RunningJob> running) {
      return new PlanRequest(jobs, regions, forecasts, yearlyGramsPerKwh, running, now, settings);
    }

    PlanResult plan(List<PlanJob> jobs, List<RunningJob> running) {
      return Planner.plan(request(jobs, running), expected.jobs(), expected.samples());
    }
  }

  /**
   * The placements to adopt this round: one for every job the round (re)placed, none for the jobs
   * whose current placement stands.
   */
  public static PlanResult plan(Queue queue, boolean forecastsRenewed, Conditions at) {
    if (forecastsRenewed) {
      return replanAll(queue, at);
    }
    List<PlanJob> arrivals = queue.toInsert();
    if (arrivals.isEmpty()) {
      return new PlanResult(List.of(), NOTHING_TO_PLAN, List.of());
    }
    if (!at.expected().jobs().isEmpty()) {
      // anticipating: the queue and the sampled futures are one program, so an arrival re-plans
      // every waiting job with them (inserting it alone would leave the queue's choices stale)
      return replanAll(queue, at);
    }
    List<RunningJob> held = new ArrayList<>(queue.held());
    for (PlanJob j : queue.waiting()) {
      if (!queue.isArrival(j)) {
        Placement p = queue.current().get(j.id());
        held.add(RunningJob.of(j, p));
      }
    }
    PlanResult inserted = at.plan(arrivals, held);
    boolean noRoom =
        inserted.placements().stream()
            .anyMatch(p -> p.reason().outcome() == Reason.Outcome.NO_CAPACITY);
    boolean small = queue.waiting().size() <= RESOLVE_QUEUE_UP_TO;
    if (noRoom || (inserted.capacityBound() && small)) {
      // move jobs not yet started to make room, or to give the clean slot to whoever gains most
      return replanAll(queue, at);
    }
    return inserted;
  }

  private static PlanResult replanAll(Queue queue, Conditions at) {
    if (queue.waiting().isEmpty()) {
      return new PlanResult(List.of(), NOTHING_TO_PLAN, List.of());
    }
    return at.plan(queue.waiting(), queue.held());
  }
}
