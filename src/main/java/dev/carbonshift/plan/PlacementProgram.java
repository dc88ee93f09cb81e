package dev.carbonshift.plan;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The capacity-constrained placement problem as a linear program, solved by OR-Tools: GLOP for its
 * LP relaxation (a proven lower bound of every plan that respects capacity), SCIP for the 0/1
 * program (the offline oracle).
 *
 * <p><b>Relaxation (the bound).</b> A non-interruptible job chooses among its candidate windows in
 * each allowed region (see {@link Model#windowVariables}) with weights in [0, 1] that sum to 1;
 * they dominate windows starting at any instant, so the bound holds for those too. An interruptible
 * job runs {@code s} seconds in each slot of each allowed region (at most the slot's usable
 * seconds, in all regions together; all of them add up to its duration) and holds {@code s /
 * usable} of the slot's job and GPUs: minimum slices, resume costs and the one-region rule are
 * relaxed away. A running job keeps what it holds. Each slot of each region holds at most its
 * capacity in jobs and, where the region counts them, its GPUs.
 *
 * <p><b>Exact program (the oracle).</b> The same candidate windows as 0/1 choices; an interruptible
 * job without minimum slice or resume cost picks one region (0/1), holds each slot it uses (0/1)
 * and runs up to the slot's usable seconds in it. Jobs with a minimum slice or a resume cost are
 * placed as single windows there.
 *
 * <p>In both, a slot gets a row for a limit only if more jobs (or GPUs) could reach it than it has
 * room for.
 */
final class PlacementProgram {
  private static final double EPS = 1e-9;

  /** Branch-and-bound nodes SCIP may explore when planning with sampled futures. */
  static final int FUTURES_NODES = 1000;

  static {
    Loader.loadNativeLibraries();
  }

  private PlacementProgram() {}

  /** The LP bound in grams, or {@code NaN} when no plan can respect capacity. */
  record Bound(double grams) {}

  /**
   * The 0/1 program's plan; {@code optimal} when SCIP proved it so (or it meets the LP bound);
   * {@code boundGrams}, the LP bound; {@code dualGrams}, the best proven bound of the 0/1 program:
   * SCIP's dual bound on the whole program where it ran (at least the LP bound), else the LP bound.
   */
  record Exact(Option[] chosen, boolean optimal, double boundGrams, double dualGrams) {}

  /** Solves the LP relaxation with GLOP. */
  static Bound relaxation(Grid g, Occupancy fixed, List<JobCtx> jobs) {
    Model m = new Model(g, fixed, jobs, false, null);
    int status = m.solver.solve().swigValue();
    if (status != MPSolver.ResultStatus.OPTIMAL.swigValue()) {
      m.solver.delete();
      return new Bound(Double.NaN);
    }
    double grams = m.solver.objective().value() * 1000 + m.fixedGrams;
    m.solver.delete();
    return new Bound(grams);
  }

  /**
   * LP-guided exact program: solves the LP relaxation (GLOP), then the 0/1 program (SCIP) over the
   * windows and slots the LP solution uses together with those of {@code hint} (a plan that
   * respects capacity, such as the heuristic's, which SCIP starts from) within {@code timeLimitMs};
   * unless that meets the LP bound, the whole 0/1 program, started from the best plan so far, with
   * the time left. Only the whole program proves anything: its dual bound is reported, and its gap
   * to the plan is the 0/1 program's gap. Returns {@code null} when SCIP found no plan.
   */
  static Exact exact(Grid g, Occupancy fixed, List<JobCtx> jobs, Option[] hint, long timeLimitMs) {
    Model lp = new Model(g, fixed, jobs, false, null);
    if (lp.solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
      lp.solver.delete();
      return null;
    }
    double lpGrams = lp.solver.objective().value() * 1000 + lp.fixedGrams;
    Support keep = lp.support();
    lp.solver.delete();
    keep.add(g, hint);
    Model m = new Model(g, fixed, jobs, true, keep);
    m.hint(hint);
    // the restricted program finds a good plan first (cut short, it is left far from its optimum);
    // the time left goes to the whole one, the only one whose dual bound proves anything
    m.solver.setTimeLimit(timeLimitMs);
    MPSolver.ResultStatus status = m.solver.solve();
    long spent = m.solver.wallTime();
    Option[] chosen = solved(status) ? m.read() : null;
    // jobs that cannot be placed run at once: the LP counts them, the options do not
    double atOnce = lp.fixedGrams;
    boolean optimal = chosen != null && total(chosen) + atOnce <= lpGrams * (1 + 1e-4);
    double dual = lpGrams;
    m.solver.delete();
    if (!optimal && timeLimitMs - spent > 0) {
      Model full = new Model(g, fixed, jobs, true, null);
      full.hint(chosen != null ? chosen : hint);
      full.solver.setTimeLimit(timeLimitMs - spent);
      MPSolver.ResultStatus s2 = full.solver.solve();
      if (solved(s2)) {
        Option[] better = full.read();
        if (chosen == null || total(better) < total(chosen)) {
          chosen = better;
        }
        optimal = s2 == MPSolver.ResultStatus.OPTIMAL;
        // SCIP's dual bound of the whole program: proven for every plan that respects capacity
        double scip = full.solver.objective().bestBound() * 1000 + full.fixedGrams;
        dual = Math.max(lpGrams, scip);
      }
      full.solver.delete();
    }
    return chosen == null ? null : new Exact(chosen, optimal, lpGrams, dual);
  }

  /**
   * The queue planned together with sampled futures, as one 0/1 program (SCIP). Job {@code i}
   * counts {@code weight[i]} of its emissions and of what it holds (an expected job of one of
   * {@code n} samples: 1/n); an {@code optional} job may stay unplaced at the cost of running at
   * once, outside capacity, so a sample that cannot fit never makes the program infeasible. The
   * required jobs keep every candidate; the optional ones are restricted to the windows and slots
   * the weighted LP relaxation uses and those of {@code hint} (a plan that respects capacity, each
   * optional job unplaced, which SCIP starts from), so it has a solution whenever the hint is one.
   * The search ends at {@link #FUTURES_NODES} nodes; ten times {@code timeLimitMs} only guards it.
   * Returns every job's option (null: left unplaced, or not placeable), or {@code null} when SCIP
   * found no plan.
   */
  static Option[] withFutures(
      Grid g,
      Occupancy fixed,
      List<JobCtx> jobs,
      double[] weight,
      boolean[] optional,
      Option[] hint,
      long timeLimitMs) {
    Model lp = new Model(g, fixed, jobs, false, null, weight, optional);
    if (lp.solver.solve() != MPSolver.ResultStatus.OPTIMAL) {
      lp.solver.delete();
      return null;
    }
    Support keep = lp.support();
    long lpMs = lp.solver.wallTime();
    lp.solver.delete();
    keep.add(g, hint);
    // the queue keeps every candidate: only the expected jobs are cut down to the LP's support
    // (restricting the queue too cost a third of the gain over myopic on the first scenario)
    for (int i = 0; i < jobs.size(); i++) {
      if (!optional[i]) {
        keep.whole.set(i);
      }
    }
    Model m = new Model(g, fixed, jobs, true, keep, weight, optional);
    m.hint(hint);
    // a limit on SCIP's branch-and-bound nodes, not on time, ends the search: the plan then
    // depends on the program alone, never on how busy the machine is, so a decision is the same
    // whatever the stream does later (the wall-clock limit, ten times the setting, only guards)
    m.solver.setSolverSpecificParametersAsString("limits/nodes = " + FUTURES_NODES);
    m.solver.setTimeLimit(Math.max(1, 10 * timeLimitMs - lpMs));
    MPSolver.ResultStatus status = m.solver.solve();
    Option[] chosen = solved(status) ? m.read() : null;
    m.solver.delete();
    return chosen;
  }

  private static boolean solved(MPSolver.ResultStatus s) {
    return s == MPSolver.ResultStatus.OPTIMAL || s == MPSolver.ResultStatus.FEASIBLE;
  }

  private static double total(Option[] chosen) {
    double t = 0;
    for (Option o : chosen) {
      t += o == null ? 0 : o.grams;
    }
    return t;
  }

  /** The windows (by region and start) and slots (by region) a program may use, per job. */
  static final class Support {
    final List<Set<Long>> windows = new ArrayList<>();
    final List<Map<Integer, BitSet>> cells = new ArrayList<>();
    // jobs that keep every candidate: the support does not restrict them
    final BitSet whole = new BitSet();

    boolean restricts(int job) {
      return !whole.get(job);
    }

    static long key(int region, long start) {
      return ((long) region << 36) | start;
    }

    void add(Grid g, Option[] plan) {
      if (plan == null) {
        return;
      }
      for (int i = 0; i < plan.length; i++) {
        Option o = plan[i];
        if (o == null) {
          continue;
        }
        if (o.slices() == 1) {
          windows.get(i).add(key(o.region, o.start()));
        }
        BitSet b = cells.get(i).computeIfAbsent(o.region, x -> new BitSet(g.n));
        for (int x = 0; x < o.bounds.length; x += 2) {
          b.set(g.cellOf(o.bounds[x]), g.cellOf(o.bounds[x + 1] - 1) + 1);
        }
      }
    }
  }

  /** The variables of one job in one region. */
  private static final class Part {
    final int region;
    // non-interruptible, or sliced in the exact program as windows: one variable per start
    final List<MPVariable> windows = new ArrayList<>();
    final List<Option> options = new ArrayList<>();
    // interruptible: seconds (and, when exact, holding) per slot from c0
    int c0;
    MPVariable[] seconds;
    MPVariable[] holds;
    MPVariable pick;

    Part(int region) {
      this.region = region;
    }
  }

  private static final class Model {
    final Grid g;
    final List<JobCtx> jobs;
    final boolean integer;
    final MPSolver solver;
    final Map<Long, MPConstraint> rows = new HashMap<>();
    final List<List<Part>> parts = new ArrayList<>();
    // by limit, region and slot
    final int[][][] free;
    final boolean[][][] bound;
    final Support keep;
    // seconds per unit of an interruptible job's run variables: hours in the LP, minutes in SCIP
    final double unit;
    final double[] weight;
    // jobs that may stay unplaced, at the cost of running at once (expected jobs of a sample)
    final boolean[] optional;
    final MPVariable[] unplaced;
    int current;
    double w = 1;
    double fixedGrams;

    Model(Grid g, Occupancy fixed, List<JobCtx> jobs, boolean integer, Support keep) {
      this(g, fixed, jobs, integer, keep, null, null);
    }

    Model(
        Grid g,
        Occupancy fixed,
        List<JobCtx> jobs,
        boolean integer,
        Support keep,
        double[] weight,
        boolean[] optional) {
      this.weight = weight;
      this.optional = optional;
      this.unplaced = new MPVariable[jobs.size()];
      this.g = g;
      this.jobs = jobs;
      this.integer = integer;
      this.keep = keep;
      this.unit = integer ? 60.0 : 3600.0;
      this.solver = MPSolver.createSolver(integer ? "SCIP" : "GLOP");
      if (solver == null) {
        throw new IllegalStateException("OR-Tools has no " + (integer ? "SCIP" : "GLOP"));
      }
      int regions = g.regions.size();
      int limits = Occupancy.LIMITS;
      free = new int[limits][regions][g.n];
      double[][][] reach = new double[limits][regions][g.n];
      for (int l = 0; l < limits; l++) {
        for (int r = 0; r < regions; r++) {
          for (int k = 0; k < g.n; k++) {
            free[l][r][k] = fixed.free(l, r, k);
          }
        }
      }
      for (int ji = 0; ji < jobs.size(); ji++) {
        JobCtx j = jobs.get(ji);
        if (!placeable(j)) {
          continue;
        }
        for (int r : j.regions) {
          long latestEnd = j.latestEnd(g, r);
          if (j.earliest + j.durationSeconds > latestEnd) {
            continue;
          }
          double share = weight == null ? 1 : weight[ji];
          for (int l = 0; l < limits; l++) {
            for (int k = g.cellOf(j.earliest); k <= g.cellOf(latestEnd - 1); k++) {
              reach[l][r][k] += j.need(l) * share;
            }
          }
        }
      }
      bound = new boolean[limits][regions][g.n];
      for (int l = 0; l < limits; l++) {
        for (int r = 0; r < regions; r++) {
          for (int k = 0; fixed.limited(l, r) && k < g.n; k++) {
            bound[l][r][k] = reach[l][r][k] > free[l][r][k] + 1e-9;
          }
        }
      }
      MPObjective obj = solver.objective();
      obj.setMinimization();
      for (int ji = 0; ji < jobs.size(); ji++) {
        JobCtx j = jobs.get(ji);
        current = ji;
        w = weight == null ? 1 : weight[ji];
        List<Part> ps = new ArrayList<>();
        parts.add(ps);
        if (!placeable(j)) {
          int r =
              j.home >= 0 && g.usable(j.home) ? j.home : j.regions.length > 0 ? j.regions[0] : -1;
          fixedGrams += r < 0 ? 0 : w * Choices.atOnce(g, j, r).grams;
          continue;
        }
        MPConstraint one = solver.makeConstraint(1, 1);
        if (optional != null && optional[ji]) {
          int r = j.home >= 0 && g.usable(j.home) ? j.home : j.regions[0];
          MPVariable u = integer ? solver.makeBoolVar("") : solver.makeNumVar(0, 1, "");
          obj.setCoefficient(u, w * Choices.atOnce(g, j, r).grams / 1000);
          one.setCoefficient(u, 1);
          unplaced[ji] = u;
        }
        boolean sliced = j.job.interruptible() && (!integer || simpleSlices(j));
        for (int r : j.regions) {
          long latestEnd = j.latestEnd(g, r);
          if (j.earliest + j.durationSeconds > latestEnd) {
            continue;
          }
          Part p = new Part(r);
          if (sliced && keep != null && keep.restricts(ji) && !keep.cells.get(ji).containsKey(r)) {
            continue;
          }
          ps.add(p);
          if (sliced) {
            slicedVariables(j, p, latestEnd, one, obj);
          } else {
            windowVariables(j, p, latestEnd, one, obj);
          }
        }
        if (sliced && !integer) {
          // a job runs at most the slot's usable seconds, in all its regions together
          Map<Integer, MPConstraint> perSlot = new HashMap<>();
          for (Part p : ps) {
            for (int i = 0; i < p.seconds.length; i++) {
              int k = p.c0 + i;
              if (p.seconds[i] == null) {
                continue;
              }
              MPConstraint c =
                  perSlot.computeIfAbsent(
                      k, x -> solver.makeConstraint(0, usable(j, x, p) / 3600.0));
              c.setCoefficient(p.seconds[i], 1);
            }
          }
        }
      }
    }

    /** The windows and slots the solved LP uses. */
    Support support() {
      Support out = new Support();
      for (int i = 0; i < jobs.size(); i++) {
        Set<Long> w = new HashSet<>();
        Map<Integer, BitSet> c = new HashMap<>();
        for (Part p : parts.get(i)) {
          for (int x = 0; x < p.windows.size(); x++) {
            if (p.windows.get(x).solutionValue() > 1e-7) {
              w.add(Support.key(p.region, p.options.get(x).start()));
            }
          }
          if (p.seconds != null) {
            BitSet b = new BitSet(g.n);
            for (int x = 0; x < p.seconds.length; x++) {
              if (p.seconds[x] != null && p.seconds[x].solutionValue() > 1e-7) {
                b.set(p.c0 + x);
              }
            }
            if (!b.isEmpty()) {
              c.put(p.region, b);
            }
          }
        }
        out.windows.add(w);
        out.cells.add(c);
      }
      return out;
    }

    private boolean placeable(JobCtx j) {
      return j.reachable && j.regions.length > 0;
    }

    private boolean simpleSlices(JobCtx j) {
      return j.minSliceSeconds == 0 && j.job.resumeKwh() == 0;
    }

    /** The row of limit {@code l} in slot {@code k} of region {@code r}. */
    private MPConstraint row(int l, int r, int k) {
      long key = ((long) l * g.regions.size() + r) * g.n + k;
      MPConstraint c = rows.get(key);
      if (c == null) {
        c = solver.makeConstraint(Double.NEGATIVE_INFINITY, free[l][r][k]);
        rows.put(key, c);
      }
      return c;
    }

    /** Puts what job {@code j} holds on {@code v} into the rows of slot {@code k} that bind. */
    private void hold(JobCtx j, int r, int k, MPVariable v, double per) {
      for (int l = 0; l < Occupancy.LIMITS; l++) {
        if (bound[l][r][k] && j.need(l) > 0) {
          row(l, r, k).setCoefficient(v, per * j.need(l));
        }
      }
    }

    private long usable(JobCtx j, int k, Part p) {
      return Math.min(g.cellStart(k + 1), j.latestEnd(g, p.region))
          - Math.max(g.cellStart(k), j.earliest);
    }

    /**
     * One variable per candidate start: the earliest start, each slot boundary, each start whose
     * window ends on a slot boundary, and the latest start. Between two neighbouring candidates the
     * emissions are linear in the start and the slots held include those of either end, so a window
     * starting at any instant is no better than one of them: the relaxation holds every start.
     */
    private void windowVariables(
        JobCtx j, Part p, long latestEnd, MPConstraint one, MPObjective o) {
      long d = j.durationSeconds;
      long latestStart = latestEnd - d;
      for (int k = g.cellOf(j.earliest); k < g.n && g.cellStart(k) <= latestStart; k++) {
        long a = Math.max(j.earliest, g.cellStart(k));
        if (a > latestStart) {
          break;
        }
        long b = Math.min(g.cellStart(k + 1), latestStart);
        window(j, p, one, o, a);
        long cross = g.cellStart(g.cellOf(a + d - 1) + 1) - d;
        if (cross > a && cross < b) {
          window(j, p, one, o, cross);
        }
        if (b == latestStart && b > a && b != cross && b < g.cellStart(k + 1)) {
          window(j, p, one, o, b);
        }
      }
    }

    private void window(JobCtx j, Part p, MPConstraint one, MPObjective o, long start) {
      int r = p.region;
      if (keep != null
          && keep.restricts(current)
          && !j.job.interruptible()
          && !keep.windows.get(current).contains(Support.key(r, start))) {
        return;
      }
      long end = start + j.durationSeconds;
      double grams = g.grams(r, start, end, j.powerKw);
      MPVariable v = integer ? solver.makeBoolVar("") : solver.makeNumVar(0, 1, "");
      o.setCoefficient(v, w * grams / 1000);
      one.setCoefficient(v, 1);
      for (int c = g.cellOf(start); c <= g.cellOf(end - 1); c++) {
        hold(j, r, c, v, w);
      }
      p.windows.add(v);
      p.options.add(new Option(r, new long[] {start, end}, grams, grams));
    }

    /** Seconds per slot (hours, for scale), and in the exact program whether the slot is held. */
    private void slicedVariables(
        JobCtx j, Part p, long latestEnd, MPConstraint one, MPObjective o) {
      int r = p.region;
      int c0 = g.cellOf(j.earliest);
      int c1 = g.cellOf(latestEnd - 1);
      p.c0 = c0;
      p.seconds = new MPVariable[c1 - c0 + 1];
      double perHour = j.powerKw * g.regions.get(r).pue();
      MPConstraint total = null;
      if (integer) {
        p.holds = new MPVariable[p.seconds.length];
        p.pick = solver.makeBoolVar("");
        one.setCoefficient(p.pick, 1);
        // the hours run add up to the duration in the picked region, to nothing elsewhere
        total = solver.makeConstraint(0, 0);
        total.setCoefficient(p.pick, -j.durationSeconds / unit);
      }
      BitSet allowed =
          keep == null || !keep.restricts(current) ? null : keep.cells.get(current).get(r);
      for (int i = 0; i < p.seconds.length; i++) {
        int k = c0 + i;
        if (allowed != null && !allowed.get(k)) {
          continue;
        }
        double u = usable(j, k, p) / unit;
        MPVariable s = solver.makeNumVar(0, u, "");
        p.seconds[i] = s;
        o.setCoefficient(s, w * perHour * unit / 3600.0 * g.gramsPerKwh[r][k] / 1000);
        if (integer) {
          total.setCoefficient(s, 1);
          MPVariable h = solver.makeBoolVar("");
          p.holds[i] = h;
          MPConstraint link = solver.makeConstraint(Double.NEGATIVE_INFINITY, 0);
          link.setCoefficient(s, 1);
          link.setCoefficient(h, -u);
          MPConstraint within = solver.makeConstraint(Double.NEGATIVE_INFINITY, 0);
          within.setCoefficient(h, 1);
          within.setCoefficient(p.pick, -1);
          hold(j, r, k, h, w);
        } else {
          one.setCoefficient(s, 3600.0 / j.durationSeconds);
          hold(j, r, k, s, w / u);
        }
      }
      if (integer) {
        // a valid cut: in the picked region it holds at least as many slots as the fewest whose
        // usable seconds add up to its duration (the LP relaxation alone holds fractions of them)
        List<Long> usable = new ArrayList<>();
        for (int i = 0; i < p.seconds.length; i++) {
          if (p.seconds[i] != null) {
            usable.add(usable(j, c0 + i, p));
          }
        }
        usable.sort(java.util.Comparator.reverseOrder());
        int fewest = 0;
        long sum = 0;
        while (fewest < usable.size() && sum < j.durationSeconds) {
          sum += usable.get(fewest++);
        }
        MPConstraint cut = solver.makeConstraint(0, Double.POSITIVE_INFINITY);
        cut.setCoefficient(p.pick, -fewest);
        for (MPVariable h : p.holds) {
          if (h != null) {
            cut.setCoefficient(h, 1);
          }
        }
      }
    }

    /** Starts SCIP from a known plan: each option maps onto the variables that express it. */
    void hint(Option[] plan) {
      if (plan == null) {
        return;
      }
      List<MPVariable> vars = new ArrayList<>();
      List<Double> vals = new ArrayList<>();
      for (int i = 0; i < jobs.size(); i++) {
        Option o = plan[i];
        if (unplaced[i] != null) {
          vars.add(unplaced[i]);
          vals.add(o == null ? 1.0 : 0.0);
        }
        for (Part p : parts.get(i)) {
          boolean here = o != null && o.region == p.region;
          for (int x = 0; x < p.windows.size(); x++) {
            vars.add(p.windows.get(x));
            vals.add(here && Arrays.equals(p.options.get(x).bounds, o.bounds) ? 1.0 : 0.0);
          }
          if (p.pick != null) {
            vars.add(p.pick);
            vals.add(here ? 1.0 : 0.0);
            for (int s = 0; s < p.seconds.length; s++) {
              if (p.seconds[s] == null) {
                continue;
              }
              long ran = here ? overlap(o, g.cellStart(p.c0 + s), g.cellStart(p.c0 + s + 1)) : 0;
              vars.add(p.seconds[s]);
              vals.add(ran / unit);
              vars.add(p.holds[s]);
              vals.add(ran > 0 ? 1.0 : 0.0);
            }
          }
        }
      }
      double[] v = new double[vals.size()];
      for (int x = 0; x < v.length; x++) {
        v[x] = vals.get(x);
      }
      solver.setHint(vars.toArray(new MPVariable[0]), v);
    }

    private static long overlap(Option o, long a, long b) {
      long t = 0;
      for (int x = 0; x < o.bounds.length; x += 2) {
        t += Math.max(0, Math.min(b, o.bounds[x + 1]) - Math.max(a, o.bounds[x]));
      }
      return t;
    }

    /** The exact program's plan as options (null for jobs left to run at once). */
    Option[] read() {
      Option[] out = new Option[jobs.size()];
      for (int i = 0; i < jobs.size(); i++) {
        JobCtx j = jobs.get(i);
        for (Part p : parts.get(i)) {
          for (int x = 0; x < p.windows.size(); x++) {
            if (p.windows.get(x).solutionValue() > 0.5) {
              Option w = p.options.get(x);
              double grams = g.grams(p.region, w.start(), w.end(), j.powerKw);
              out[i] = new Option(p.region, w.bounds, grams, grams);
            }
          }
          if (p.pick != null && p.pick.solutionValue() > 0.5) {
            out[i] = slices(j, p);
          }
        }
      }
      return out;
    }

    /** Whole seconds per held slot, adding up to the duration, merged into stretches. */
    private Option slices(JobCtx j, Part p) {
      int m = p.seconds.length;
      long[] ran = new long[m];
      long sum = 0;
      for (int i = 0; i < m; i++) {
        if (p.seconds[i] == null) {
          continue;
        }
        ran[i] = Math.min(usable(j, p.c0 + i, p), Math.round(p.seconds[i].solutionValue() * unit));
        sum += ran[i];
      }
      // rounding: take the difference from (or give it to) slots with room, cleanest first
      Integer[] order = new Integer[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Double.compare(rate(p, a), rate(p, b)));
      for (int x = 0; sum < j.durationSeconds && x < m; x++) {
        int i = order[x];
        if (ran[i] > 0) {
          long add = Math.min(usable(j, p.c0 + i, p) - ran[i], j.durationSeconds - sum);
          ran[i] += add;
          sum += add;
        }
      }
      for (int x = m - 1; sum > j.durationSeconds && x >= 0; x--) {
        int i = order[x];
        long cut = Math.min(ran[i], sum - j.durationSeconds);
        ran[i] -= cut;
        sum -= cut;
      }
      long[] tmp = new long[2 * m];
      int len = 0;
      long latestEnd = j.latestEnd(g, p.region);
      for (int i = 0; i < m; i++) {
        if (ran[i] <= 0) {
          continue;
        }
        long a = Math.max(g.cellStart(p.c0 + i), j.earliest);
        long b = Math.min(g.cellStart(p.c0 + i + 1), latestEnd);
        boolean next = i + 1 < m && ran[i + 1] > 0;
        boolean prevFull = len > 0 && tmp[len - 1] == a;
        if (ran[i] < b - a) {
          if (next && !prevFull) {
            a = b - ran[i];
          } else {
            b = a + ran[i];
          }
        }
        if (len > 0 && tmp[len - 1] == a) {
          tmp[len - 1] = b;
        } else {
          tmp[len++] = a;
          tmp[len++] = b;
        }
      }
      long[] bounds = Arrays.copyOf(tmp, len);
      double grams = 0;
      for (int b = 0; b < bounds.length; b += 2) {
        grams += g.grams(p.region, bounds[b], bounds[b + 1], j.powerKw);
      }
      return new Option(p.region, bounds, grams, grams);
    }

    private double rate(Part p, int i) {
      return g.gramsPerKwh[p.region][p.c0 + i];
    }
  }

  static boolean equalish(double a, double b) {
    return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a));
  }
}
