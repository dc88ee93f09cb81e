package dev.carbonshift.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides where and when each queued job runs so that expected emissions are lowest while every
 * reachable deadline and every region's capacity hold. A pure function of its request.
 *
 * <p>Plans small enough for {@link PlanSettings#exactMaxBinaries} are solved exactly as a 0/1
 * program (ojAlgo), started from the heuristic's plan, which is kept if the solver runs out of
 * time; larger plans use the regret-ordered greedy with improvement passes alone.
 */
public final class Planner {
  private static final long PASSES_UP_TO = 20_000_000L;
  private static final long PRICES_UP_TO = 5_000_000L;

  /** The summary of a job's reason when it found no room anywhere before its deadline. */
  private static final String NO_CAPACITY =
      "no free capacity in its regions before its deadline: runs at once at home, over the"
          + " region's capacity";

  private Planner() {}

  public static PlanResult plan(PlanRequest req) {
    Setup s = Setup.of(req);
    return place(req, s, s.jobs);
  }

  /**
   * Plans the request's jobs knowing what is likely to arrive: {@code expected} holds the jobs of
   * {@code samples} sampled futures. The queue and the expected jobs are planned together as one
   * 0/1 program (SCIP, {@link PlacementProgram#withFutures}): each expected job counts 1/{@code
   * samples} of its emissions and of the capacity it holds, and may stay unplaced at the cost of
   * running at once, so a job of the queue that gains little from scarce clean capacity leaves it
   * to the later jobs expected to gain more. Only the request's jobs are placed; the expected ones
   * are never committed. Every job of the queue that the myopic heuristic (the plan of {@link
   * #plan(PlanRequest)} without its time-limited exact program) placed is placed within its
   * deadline, and that plan is SCIP's start, so when SCIP finds no plan the heuristic's stands;
   * with nothing to expect this is {@link #plan(PlanRequest)}.
   */
  public static PlanResult plan(PlanRequest req, List<PlanJob> expected, int samples) {
    if (expected.isEmpty() || samples <= 0 || req.jobs().isEmpty()) {
      return plan(req);
    }
    // SCIP's start: the myopic heuristic without the ojAlgo program, whose time limit would make
    // the start, and so the decision, depend on the machine's load (SCIP's own search, bounded by
    // nodes, then does what that program would)
    PlanResult myopic =
        plan(
            new PlanRequest(
                req.jobs(),
                req.regions(),
                req.forecasts(),
                req.yearlyGramsPerKwh(),
                req.running(),
                req.now(),
                req.settings().withExactMaxBinaries(0)));
    List<PlanJob> all = new ArrayList<>(req.jobs());
    all.addAll(expected);
    PlanRequest wide =
        new PlanRequest(
            all,
            req.regions(),
            req.forecasts(),
            req.yearlyGramsPerKwh(),
            req.running(),
            req.now(),
            req.settings());
    Setup s = Setup.of(wide);
    Grid g = s.grid;
    int q = req.jobs().size();
    List<JobCtx> queue = s.jobs.subList(0, q);
    // each queue job's own cheapest option, which its reason compares with
    GreedyPlacer.cheapestAlone(g, queue, null);
    double[] weight = new double[all.size()];
    boolean[] optional = new boolean[all.size()];
    Option[] hint = new Option[all.size()];
    for (int i = 0; i < all.size(); i++) {
      weight[i] = i < q ? 1 : 1.0 / samples;
      optional[i] = i >= q;
      if (i < q) {
        Placement p = myopic.placements().get(i);
        if (p.reason().outcome() == Reason.Outcome.NO_CAPACITY || !s.jobs.get(i).reachable) {
          optional[i] = true; // no room for it even alone: it runs at once either way
        } else {
          hint[i] = option(g, s.jobs.get(i), p);
        }
      }
    }
    Option[] chosen =
        PlacementProgram.withFutures(
            g,
            occupancy(g, req),
            s.jobs,
            weight,
            optional,
            hint,
            req.settings().exactTimeLimit().toMillis());
    if (chosen == null) {
      return new PlanResult(
          myopic.placements(),
          myopic.method() + " (anticipation: SCIP found no plan, myopic kept)",
          myopic.notes());
    }
    List<Placement> out = new ArrayList<>();
    for (int i = 0; i < q; i++) {
      out.add(
          chosen[i] != null && hint[i] != null
              ? Explain.placed(g, queue.get(i), chosen[i])
              : myopic.placements().get(i));
    }
    return new PlanResult(
        out, "exact with " + samples + " sampled futures (SCIP, anticipating)", myopic.notes());
  }

  /** The plan of {@code jobs} (of setup {@code s}). */
  private static PlanResult place(PlanRequest req, Setup s, List<JobCtx> jobs) {
    Grid g = s.grid;
    Occupancy fixed = occupancy(g, req);
    Occupancy occ = occupancy(g, req);
    // work of one pass over every job's options; big plans skip the optional refinements
    long work = (long) jobs.size() * g.regions.size() * g.n;
    int passes = work > PASSES_UP_TO ? 0 : req.settings().improvementPasses();
    Option[] chosen = GreedyPlacer.place(g, occ, jobs, passes, null);
    // when no job was pushed off its own cheapest option, the greedy plan is optimal
    boolean binds = GreedyPlacer.displaced(jobs, chosen);
    String method = binds ? "heuristic" : PlanResult.CAPACITY_NEVER_BOUND;
    int iterations = req.settings().priceIterations();
    // one job alone already has its cheapest option that fits: prices have no other job to steer
    // it around (on the year-long replay's 180,000 single-job plans they never gave a cheaper one)
    if (iterations > 0 && work <= PRICES_UP_TO && binds && jobs.size() > 1) {
      // capacity binds: let slot prices from the Lagrangian dual steer a second greedy run
      Prices prices = LowerBound.compute(g, fixed, jobs, total(chosen), iterations).prices();
      Option[] priced = GreedyPlacer.place(g, occupancy(g, req), jobs, passes, prices);
      if (total(priced) < total(chosen) - 1e-6 && placedAll(priced, chosen)) {
        chosen = priced;
        method = "heuristic (price-guided)";
      }
    }
    // one job alone: its cheapest option that fits is already optimal
    int limit = req.settings().exactMaxBinaries();
    if (binds && jobs.size() > 1 && limit > 0) {
      ExactPlacer.Program program = ExactPlacer.build(g, fixed, jobs, chosen, limit);
      if (program != null && program.binaries <= limit) {
        ExactPlacer.Solution exact =
            ExactPlacer.solve(g, program, chosen, req.settings().exactTimeLimit().toMillis());
        if (exact != null && total(exact.chosen()) <= total(chosen) + 1e-6) {
          chosen = exact.chosen();
          method = exact.optimal() ? "exact" : "exact (time limit: best found)";
        }
      }
    }
    List<Placement> out = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      JobCtx j = jobs.get(i);
      if (chosen[i] != null) {
        out.add(Explain.placed(g, j, chosen[i]));
      } else if (!j.reachable) {
        out.add(Explain.unreachable(g, j));
      } else {
        out.add(Explain.atOnce(g, j, Reason.Outcome.NO_CAPACITY, NO_CAPACITY));
      }
    }
    return new PlanResult(out, method, new ArrayList<>(s.notes));
  }

  /**
   * A proven lower bound on the emissions of any plan of the request that respects capacity: the
   * optimum of the linear-programming relaxation (GLOP), whose windows may start at any instant.
   * {@code NaN} when no plan can respect capacity.
   */
  public static double lowerBoundGCo2e(PlanRequest req) {
    Setup s = Setup.of(req);
    return PlacementProgram.relaxation(s.grid, occupancy(s.grid, req), s.jobs).grams();
  }

  /**
   * The offline plan and its two proven bounds.
   *
   * @param lpBoundGCo2e the LP relaxation's optimum (GLOP)
   * @param milpBoundGCo2e SCIP's dual bound of the whole 0/1 program when it ran, at least the LP
   *     bound: also a lower bound of every plan that respects capacity, and the optimum itself when
   *     SCIP proved the plan optimal
   */
  public record ExactPlan(PlanResult plan, double lpBoundGCo2e, double milpBoundGCo2e) {
    /** How far the plan lies above the 0/1 program's dual bound: 0 when proved optimal. */
    public double milpGap() {
      return plan.totalGCo2e() / milpBoundGCo2e - 1;
    }
  }

  /**
   * The offline plan: the heuristic's plan, then the LP-guided exact program (SCIP on the windows
   * the LP relaxation uses and the heuristic's, then, unless that meets the LP bound, on all of
   * them), started from it, within {@code timeLimit}; the better plan is kept. Its method says
   * whether SCIP proved it optimal, how far it lies above SCIP's dual bound (the 0/1 program's gap)
   * and above the LP bound.
   */
  public static PlanResult planExact(PlanRequest req, java.time.Duration timeLimit) {
    return solveExact(req, timeLimit).plan();
  }

  /** As {@link #planExact}, with the LP bound and the 0/1 program's dual bound. */
  public static ExactPlan solveExact(PlanRequest req, java.time.Duration timeLimit) {
    PlanResult heuristic = plan(req);
    Setup s = Setup.of(req);
    Grid g = s.grid;
    Option[] hint = new Option[s.jobs.size()];
    for (int i = 0; i < hint.length; i++) {
      Placement p = heuristic.placements().get(i);
      if (p.reason().outcome() != Reason.Outcome.NO_CAPACITY && s.jobs.get(i).reachable) {
        hint[i] = option(g, s.jobs.get(i), p);
      }
    }
    PlacementProgram.Exact exact =
        PlacementProgram.exact(g, occupancy(g, req), s.jobs, hint, timeLimit.toMillis());
    if (exact == null) {
      double lp = lowerBoundGCo2e(req);
      return new ExactPlan(heuristic, lp, lp);
    }
    if (total(exact.chosen()) > heuristic.totalGCo2e() + 1e-6) {
      return new ExactPlan(heuristic, exact.boundGrams(), exact.dualGrams());
    }
    List<Placement> out = new ArrayList<>();
    for (int i = 0; i < s.jobs.size(); i++) {
      Option o = exact.chosen()[i];
      out.add(o != null ? Explain.placed(g, s.jobs.get(i), o) : heuristic.placements().get(i));
    }
    double sum = out.stream().mapToDouble(Placement::gCo2e).sum();
    String method =
        String.format(
            java.util.Locale.ROOT,
            "exact (SCIP%s; %.2f%% above its dual bound, %.2f%% above the LP bound)",
            exact.optimal() ? ", optimal" : ", time limit: best found",
            100 * (sum / exact.dualGrams() - 1),
            100 * (sum / exact.boundGrams() - 1));
    return new ExactPlan(
        new PlanResult(out, method, new ArrayList<>(s.notes)),
        exact.boundGrams(),
        exact.dualGrams());
  }

  private static Option option(Grid g, JobCtx j, Placement p) {
    int r = -1;
    for (int x = 0; x < g.regions.size(); x++) {
      if (g.regions.get(x).id().equals(p.regionId())) {
        r = x;
      }
    }
    long[] bounds = new long[p.slices().size() * 2];
    for (int x = 0; x < p.slices().size(); x++) {
      bounds[2 * x] = p.slices().get(x).start().getEpochSecond();
      bounds[2 * x + 1] = p.slices().get(x).end().getEpochSecond();
    }
    return r < 0 ? null : new Option(r, bounds, p.gCo2e(), p.gCo2e());
  }

  /**
   * A weaker lower bound for plans too large for the LP: the Lagrangian dual of the slot capacities
   * after {@code iterations} subgradient steps.
   *
   * @param upperGCo2e emissions of a known plan, such as {@link #plan}'s, to size the steps
   */
  public static double lagrangianBoundGCo2e(PlanRequest req, double upperGCo2e, int iterations) {
    Setup s = Setup.of(req);
    return LowerBound.compute(s.grid, occupancy(s.grid, req), s.jobs, upperGCo2e, iterations)
        .bound();
  }

  static Occupancy occupancy(Grid g, PlanRequest req) {
    Occupancy occ = new Occupancy(g);
    for (RunningJob rj : req.running()) {
      for (int r = 0; r < g.regions.size(); r++) {
        if (g.regions.get(r).id().equals(rj.regionId())) {
          long[] bounds = new long[rj.slices().size() * 2];
          for (int x = 0; x < rj.slices().size(); x++) {
            bounds[2 * x] = rj.slices().get(x).start().getEpochSecond();
            bounds[2 * x + 1] = rj.slices().get(x).end().getEpochSecond();
          }
          occ.add(r, bounds, rj.gpus(), 1);
        }
      }
    }
    return occ;
  }

  /** Whether {@code b} places every job {@code a} placed. */
  private static boolean placedAll(Option[] b, Option[] a) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != null && b[i] == null) {
        return false;
      }
    }
    return true;
  }

  private static double total(Option[] chosen) {
    double t = 0;
    for (Option o : chosen) {
      t += o == null ? 0 : o.grams;
    }
    return t;
  }
}
