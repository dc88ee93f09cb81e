package dev.carbonshift.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes room for a job that fits nowhere: takes its cheapest option, moves out placed jobs from
 * each full slot until it fits (those with most slack that free what is short, never one of higher
 * priority), and re-places those elsewhere. If any cannot be re-placed, everything is put back as
 * it was.
 */
final class Eviction {
  private Eviction() {}

  static boolean tryPlace(Grid g, Occupancy occ, List<JobCtx> jobs, Option[] chosen, int i) {
    Option want = jobs.get(i).unconstrained;
    if (want == null) {
      return false;
    }
    List<Integer> victims = new ArrayList<>();
    List<Option> old = new ArrayList<>();
    boolean ok = true;
    for (int b = 0; ok && b < want.bounds.length; b += 2) {
      int last = g.cellOf(want.bounds[b + 1] - 1);
      for (int k = g.cellOf(want.bounds[b]); ok && k <= last; k++) {
        while (occ.full(want.region, k, jobs.get(i).gpus)) {
          int v = victimAt(g, occ, jobs, chosen, want.region, k, i);
          if (v < 0) {
            ok = false;
            break;
          }
          occ.add(chosen[v], jobs.get(v).gpus, -1);
          victims.add(v);
          old.add(chosen[v]);
          chosen[v] = null;
        }
      }
    }
    List<Option> placed = new ArrayList<>();
    if (ok) {
      occ.add(want, jobs.get(i).gpus, 1);
      chosen[i] = want;
      for (int v : victims) {
        Option o = Choices.best(g, occ, jobs.get(v), null);
        if (o == null) {
          ok = false;
          break;
        }
        occ.add(o, jobs.get(v).gpus, 1);
        placed.add(o);
        chosen[v] = o;
      }
      if (!ok) {
        occ.add(want, jobs.get(i).gpus, -1);
        chosen[i] = null;
      }
    }
    if (!ok) {
      for (int x = 0; x < placed.size(); x++) {
        // placed.get(x) is the new option of victims.get(x)
        occ.add(placed.get(x), jobs.get(victims.get(x)).gpus, -1);
      }
      for (int x = 0; x < victims.size(); x++) {
        int v = victims.get(x);
        chosen[v] = old.get(x);
        occ.add(old.get(x), jobs.get(v).gpus, 1);
      }
    }
    return ok;
  }

  /**
   * The placed job to move out of slot {@code k} of region {@code r}: one that frees what is short
   * there (any job where jobs are, one holding GPUs where GPUs are), with the most slack.
   */
  private static int victimAt(
      Grid g, Occupancy occ, List<JobCtx> jobs, Option[] chosen, int r, int k, int except) {
    int best = -1;
    long bestSlack = -1;
    boolean gpusShort = occ.lacks(Occupancy.GPUS, r, k, jobs.get(except).gpus);
    boolean jobsShort = occ.lacks(Occupancy.JOBS, r, k, jobs.get(except).gpus);
    for (int v = 0; v < chosen.length; v++) {
      Option o = chosen[v];
      if (v == except || o == null || o.region != r || !covers(g, o, k)) {
        continue;
      }
      if (!jobsShort && gpusShort && jobs.get(v).gpus == 0) {
        continue;
      }
      JobCtx j = jobs.get(v);
      if (j.job.priority() > jobs.get(except).job.priority()) {
        continue;
      }
      long slack = j.deadline - j.earliest - j.durationSeconds;
      if (slack > bestSlack) {
        bestSlack = slack;
        best = v;
      }
    }
    return best;
  }

  private static boolean covers(Grid g, Option o, int k) {
    for (int b = 0; b < o.bounds.length; b += 2) {
      if (g.cellOf(o.bounds[b]) <= k && k <= g.cellOf(o.bounds[b + 1] - 1)) {
        return true;
      }
    }
    return false;
  }
}
