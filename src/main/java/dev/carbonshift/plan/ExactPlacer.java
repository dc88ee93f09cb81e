package dev.carbonshift.plan;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The exact method, for plans small enough: a 0/1 program (ojAlgo) with one variable per window of
 * each job in each region (plus the heuristic's split plan of each interruptible job), one choice
 * per job, and both limits (jobs, and GPUs where the region counts them) in every slot of every
 * region.
 *
 * <p>Three reductions keep the program small without changing its optimum. A slot gets a row for a
 * limit only if more jobs (or GPUs) could be in it than it has room for (otherwise that limit can
 * never bind there). A window through a slot with no room left is dropped. And among a job's
 * windows in one region, a window is dropped when a no dearer one holds a subset of its
 * capacity-bound slots: any plan with the dropped window stays feasible, and no dearer, with the
 * other. So where capacity cannot bind in a region, each job keeps just its cheapest window there.
 */
final class ExactPlacer {
  /** The solution, and whether the solver proved it optimal within its time. */
  record Solution(Option[] chosen, boolean optimal) {}

  /**
   * The reduced program: each job's candidate windows, with the capacity-bound slots each holds
   * (bound under either limit), and which slots need a row for each limit.
   */
  static final class Program {
    final List<List<Option>> candidates;
    final List<List<BitSet>> boundSlots;
    // by limit, then region
    final BitSet[][] bound;
    final int[][][] free;
    final int binaries;
    final List<JobCtx> jobs;

    private Program(
        List<List<Option>> candidates,
        List<List<BitSet>> boundSlots,
        BitSet[][] bound,
        int[][][] free,
        int binaries,
        List<JobCtx> jobs) {
      this.jobs = jobs;
      this.candidates = candidates;
      this.boundSlots = boundSlots;
      this.bound = bound;
      this.free = free;
      this.binaries = binaries;
    }
  }

  private ExactPlacer() {}

  /**
   * Builds the reduced program for the jobs the heuristic placed, or returns {@code null} when the
   * unreduced program has more than four times {@code limit} variables (not worth reducing then).
   */
  static Program build(Grid g, Occupancy fixed, List<JobCtx> jobs, Option[] heuristic, int limit) {
    return build(g, fixed, jobs, heuristic, limit, true, null);
  }

  /** As above; without {@code reduce}, every slot gets a row and every window a variable. */
  static Program build(
      Grid g, Occupancy fixed, List<JobCtx> jobs, Option[] heuristic, int limit, boolean reduce) {
    return build(g, fixed, jobs, heuristic, limit, reduce, null);
  }

  private static Program build(
      Grid g,
      Occupancy fixed,
      List<JobCtx> jobs,
      Option[] heuristic,
      int limit,
      boolean reduce,
      Prices prices) {
    int regions = g.regions.size();
    int limits = Occupancy.LIMITS;
    List<List<Option>> all = new ArrayList<>(jobs.size());
    long raw = 0;
    for (int i = 0; i < jobs.size(); i++) {
      List<Option> opts = new ArrayList<>();
      if (heuristic[i] != null) {
        opts.addAll(Choices.allContiguous(g, jobs.get(i)));
        if (heuristic[i].slices() > 1) {
          opts.add(heuristic[i]);
        }
      }
      // the program minimises each option's score: its emissions, plus prices where given
      for (int x = 0; x < opts.size(); x++) {
        Option o = opts.get(x);
        double score = o.grams + (prices == null ? 0 : prices.over(g, o, jobs.get(i).gpus));
        if (score != o.score) {
          opts.set(x, new Option(o.region, o.bounds, o.grams, score));
        }
      }
      raw += opts.size();
      if (raw > 4L * limit) {
        return null;
      }
      all.add(opts);
    }
    // how many jobs (and GPUs) could hold each slot at once, against the room left in it
    long[][][] reach = new long[limits][regions][g.n];
    int[][][] free = new int[limits][regions][g.n];
    for (int l = 0; l < limits; l++) {
      for (int r = 0; r < regions; r++) {
        for (int k = 0; k < g.n; k++) {
          free[l][r][k] = fixed.free(l, r, k);
        }
      }
    }
    BitSet[] touched = new BitSet[regions];
    for (int i = 0; i < all.size(); i++) {
      List<Option> opts = all.get(i);
      for (int r = 0; r < regions; r++) {
        touched[r] = null;
      }
      for (Option o : opts) {
        if (touched[o.region] == null) {
          touched[o.region] = new BitSet(g.n);
        }
        mark(g, o, touched[o.region]);
      }
      for (int r = 0; r < regions; r++) {
        if (touched[r] != null) {
          for (int k = touched[r].nextSetBit(0); k >= 0; k = touched[r].nextSetBit(k + 1)) {
            for (int l = 0; l < limits; l++) {
              reach[l][r][k] += jobs.get(i).need(l);
            }
          }
        }
      }
    }
    BitSet[][] bound = new BitSet[limits][regions];
    BitSet[] anyBound = new BitSet[regions];
    for (int r = 0; r < regions; r++) {
      anyBound[r] = new BitSet(g.n);
      for (int l = 0; l < limits; l++) {
        bound[l][r] = new BitSet(g.n);
        for (int k = 0; fixed.limited(l, r) && k < g.n; k++) {
          if (!reduce || reach[l][r][k] > free[l][r][k]) {
            bound[l][r].set(k);
          }
        }
        anyBound[r].or(bound[l][r]);
      }
    }
    List<List<Option>> kept = new ArrayList<>(all.size());
    List<List<BitSet>> keptSlots = new ArrayList<>(all.size());
    int binaries = 0;
    for (int i = 0; i < all.size(); i++) {
      List<Option> opts = all.get(i);
      List<Option> sorted = new ArrayList<>(opts);
      sorted.sort((a, b) -> Double.compare(a.score, b.score));
      List<Option> keep = new ArrayList<>();
      List<BitSet> keepSlots = new ArrayList<>();
      for (Option o : sorted) {
        BitSet slots = new BitSet(g.n);
        mark(g, o, slots);
        slots.and(anyBound[o.region]);
        if (reduce && full(slots, free, o.region, jobs.get(i))) {
          continue;
        }
        boolean dominated = false;
        for (int x = 0; reduce && x < keep.size() && !dominated; x++) {
          if (keep.get(x).region == o.region) {
            BitSet extra = (BitSet) keepSlots.get(x).clone();
            extra.andNot(slots);
            dominated = extra.isEmpty();
          }
        }
        if (!dominated) {
          keep.add(o);
          keepSlots.add(slots);
        }
      }
      binaries += keep.size();
      kept.add(keep);
      keptSlots.add(keepSlots);
    }
    return new Program(kept, keptSlots, bound, free, binaries, jobs);
  }

  /**
   * Whether a slot among {@code slots} has no room left for the job under some limit: the window
   * can never be chosen.
   */
  private static boolean full(BitSet slots, int[][][] free, int r, JobCtx j) {
    for (int k = slots.nextSetBit(0); k >= 0; k = slots.nextSetBit(k + 1)) {
      for (int l = 0; l < Occupancy.LIMITS; l++) {
        if (free[l][r][k] < j.need(l)) {
          return true;
        }
      }
    }
    return false;
  }

  private static void mark(Grid g, Option o, BitSet slots) {
    for (int b = 0; b < o.bounds.length; b += 2) {
      if (o.bounds[b + 1] <= g.origin || o.bounds[b] >= g.end()) {
        continue;
      }
      slots.set(g.cellOf(o.bounds[b]), g.cellOf(o.bounds[b + 1] - 1) + 1);
    }
  }

  static Solution solve(Grid g, Program p, Option[] heuristic, long timeLimitMillis) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    model.options.time_abort = timeLimitMillis;
    Map<Long, Expression> rows = new HashMap<>();
    List<List<Variable>> vars = new ArrayList<>();
    for (int i = 0; i < p.candidates.size(); i++) {
      List<Option> opts = p.candidates.get(i);
      List<Variable> vs = new ArrayList<>();
      vars.add(vs);
      if (opts.isEmpty()) {
        continue;
      }
      Expression one = model.addExpression().level(1);
      for (int x = 0; x < opts.size(); x++) {
        Option o = opts.get(x);
        // kilograms keep the coefficients in a range the simplex handles well
        Variable v = model.addVariable().binary().weight(o.score / 1000.0);
        vs.add(v);
        one.set(v, 1);
        BitSet slots = p.boundSlots.get(i).get(x);
        for (int k = slots.nextSetBit(0); k >= 0; k = slots.nextSetBit(k + 1)) {
          for (int l = 0; l < Occupancy.LIMITS; l++) {
            int need = p.jobs.get(i).need(l);
            if (need == 0 || !p.bound[l][o.region].get(k)) {
              continue;
            }
            long key = ((long) l * g.regions.size() + o.region) * g.n + k;
            Expression e = rows.get(key);
            if (e == null) {
              e = model.addExpression().upper(p.free[l][o.region][k]);
              rows.put(key, e);
            }
            e.set(v, need);
          }
        }
      }
    }
    Optimisation.Result result = model.minimise();
    if (!result.getState().isFeasible()) {
      return null;
    }
    Option[] chosen = new Option[p.candidates.size()];
    for (int i = 0; i < chosen.length; i++) {
      List<Variable> vs = vars.get(i);
      for (int x = 0; x < vs.size(); x++) {
        if (result.doubleValue(model.indexOf(vs.get(x))) > 0.5) {
          chosen[i] = p.candidates.get(i).get(x);
        }
      }
      if (heuristic[i] != null && chosen[i] == null) {
        return null;
      }
    }
    return new Solution(chosen, result.getState().isOptimal());
  }
}
