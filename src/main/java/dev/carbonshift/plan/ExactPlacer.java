package dev.carbonshift.plan;

import java.util.ArrayList;
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
 * per job, and capacity in every slot of every region.
 */
final class ExactPlacer {
  /** The solution, and whether the solver proved it optimal within its time. */
  record Solution(Option[] chosen, boolean optimal) {}

  private ExactPlacer() {}

  /** Whether the program would have at most {@code limit} 0/1 variables (an upper estimate). */
  static boolean fits(Grid g, List<JobCtx> jobs, Option[] heuristic, int limit) {
    long total = 0;
    for (int i = 0; i < jobs.size() && total <= limit; i++) {
      JobCtx j = jobs.get(i);
      if (heuristic[i] == null) {
        continue;
      }
      total++;
      for (int r : j.regions) {
        total += g.cellOf(j.latestEnd(g, r) - 1) - g.cellOf(j.earliest) + 1;
      }
    }
    return total <= limit;
  }

  static Solution solve(
      Grid g, Occupancy fixed, List<JobCtx> jobs, Option[] heuristic, long timeLimitMillis) {
    ExpressionsBasedModel model = new ExpressionsBasedModel();
    model.options.time_abort = timeLimitMillis;
    Map<Long, Expression> slots = new HashMap<>();
    List<List<Option>> cands = new ArrayList<>();
    List<List<Variable>> vars = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      List<Option> opts = new ArrayList<>();
      List<Variable> vs = new ArrayList<>();
      cands.add(opts);
      vars.add(vs);
      if (heuristic[i] == null) {
        continue;
      }
      opts.addAll(Choices.allContiguous(g, jobs.get(i)));
      if (heuristic[i].slices() > 1) {
        opts.add(heuristic[i]);
      }
      Expression one = model.addExpression("job" + i).level(1);
      for (Option o : opts) {
        // kilograms keep the coefficients in a range the simplex handles well
        Variable v = model.addVariable().binary().weight(o.grams / 1000.0);
        vs.add(v);
        one.set(v, 1);
        for (int b = 0; b < o.bounds.length; b += 2) {
          int last = g.cellOf(o.bounds[b + 1] - 1);
          for (int k = g.cellOf(o.bounds[b]); k <= last; k++) {
            long key = (long) o.region * g.n + k;
            Expression e = slots.get(key);
            if (e == null) {
              int free = Math.max(0, fixed.capacity[o.region] - fixed.used[o.region][k]);
              e = model.addExpression("slot" + key).upper(free);
              slots.put(key, e);
            }
            e.set(v, 1);
          }
        }
      }
    }
    Optimisation.Result result = model.minimise();
    if (!result.getState().isFeasible()) {
      return null;
    }
    Option[] chosen = new Option[jobs.size()];
    for (int i = 0; i < jobs.size(); i++) {
      List<Variable> vs = vars.get(i);
      for (int x = 0; x < vs.size(); x++) {
        if (result.doubleValue(model.indexOf(vs.get(x))) > 0.5) {
          chosen[i] = cands.get(i).get(x);
        }
      }
      if (heuristic[i] != null && chosen[i] == null) {
        return null;
      }
    }
    return new Solution(chosen, result.getState().isOptimal());
  }
}
