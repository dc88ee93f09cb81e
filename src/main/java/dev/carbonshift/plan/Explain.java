package dev.carbonshift.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Turns a chosen option into a placement with its reason and fallback, in words. */
final class Explain {
  private static final double EPS = 1e-9;

  private Explain() {}

  static Placement placed(Grid g, JobCtx j, Option o) {
    double kwh = kwh(g, j, o.region);
    double base = baseline(g, j, o);
    StringBuilder main =
        new StringBuilder("lowest expected emissions among ")
            .append(regionIds(g, j))
            .append(" within ")
            .append(Setup.at(j.earliest))
            .append("..")
            .append(Setup.at(j.deadline))
            .append(": ")
            .append(Math.round(o.grams / kwh))
            .append(" g/kWh on average");
    if (j.home >= 0) {
      main.append(" vs ").append(Math.round(base / kwh(g, j, j.home))).append(" at once at home");
    } else {
      main.append(" (home region ").append(j.job.home()).append(" unknown: no baseline)");
    }
    if (o.slices() > 1) {
      main.append("; split into ").append(o.slices()).append(" slices at the cleanest slots");
    }
    Option u = j.unconstrained;
    Reason.Taken taken =
        u != null && u != o && u.grams < o.grams - EPS * o.grams
            ? new Reason.Taken(g.regions.get(u.region).id(), Setup.at(u.start()))
            : null;
    List<String> notes = new ArrayList<>();
    if (g.coverEnd[o.region] < j.deadline && g.fallbackNote[o.region] == null) {
      notes.add(
          "the forecast for "
              + g.regions.get(o.region).zone()
              + " ends at "
              + Setup.at(g.coverEnd[o.region])
              + ", before the deadline: planned within it; re-plan when a fresher one arrives");
    }
    notes.addAll(j.notes);
    Reason why =
        new Reason(
            Reason.Outcome.LOWEST_EMISSIONS,
            main.toString(),
            taken,
            g.fallbackNote[o.region],
            notes,
            null);
    String fallback =
        "if not started by "
            + Setup.at(j.deadline - j.durationSeconds)
            + " or "
            + g.regions.get(o.region).id()
            + " is unavailable: start at once at home ("
            + j.job.home()
            + ") so the deadline holds";
    return build(g, j, o, kwh, base, why, fallback);
  }

  /** The job cannot be planned: it runs at once at home, and the reason says why. */
  static Placement atOnce(Grid g, JobCtx j, Reason.Outcome outcome, String why) {
    int r = j.home >= 0 && g.usable(j.home) ? j.home : j.regions.length > 0 ? j.regions[0] : -1;
    List<String> notes = new ArrayList<>(j.notes);
    String fallback = "none: this already is the fallback (run at once at home)";
    if (r < 0) {
      Instant s = Setup.at(j.earliest);
      Instant e = Setup.at(j.earliest + j.durationSeconds);
      notes.add("no intensity known for it: emissions unknown");
      return new Placement(
          j.job.id(),
          j.job.home(),
          s,
          e,
          List.of(new Slice(s, e)),
          j.job.energyKwh(),
          0,
          0,
          new Reason(outcome, why, null, null, notes, null),
          fallback);
    }
    Option o = Choices.atOnce(g, j, r);
    Reason reason = new Reason(outcome, why, null, null, notes, null);
    return build(g, j, o, kwh(g, j, r), o.grams, reason, fallback);
  }

  /**
   * A job that asks more GPUs than its regions have, cannot run by its deadline, or has no region
   * to rank: it runs at once at home.
   */
  static Placement unreachable(Grid g, JobCtx j) {
    if (j.gpusBeyond != null) {
      return atOnce(
          g,
          j,
          Reason.Outcome.GPUS_BEYOND_REGIONS,
          "no allowed region has GPUs enough: the job "
              + j.gpusBeyond
              + "; runs at once at home, over its GPUs");
    }
    if (j.regions.length == 0) {
      return atOnce(
          g,
          j,
          Reason.Outcome.NOTHING_TO_RANK,
          "no allowed region has a forecast or a yearly mean to rank: runs at once at home");
    }
    return atOnce(
        g,
        j,
        Reason.Outcome.DEADLINE_UNREACHABLE,
        "deadline "
            + j.job.deadline()
            + " unreachable: the job needs "
            + j.job.duration()
            + " from its earliest start "
            + Setup.at(j.earliest)
            + "; runs at once at home");
  }

  private static Placement build(
      Grid g, JobCtx j, Option o, double kwh, double base, Reason reason, String fallback) {
    List<Slice> slices = new ArrayList<>();
    for (int b = 0; b < o.bounds.length; b += 2) {
      slices.add(new Slice(Setup.at(o.bounds[b]), Setup.at(o.bounds[b + 1])));
    }
    return new Placement(
        j.job.id(),
        g.regions.get(o.region).id(),
        slices.get(0).start(),
        slices.get(slices.size() - 1).end(),
        slices,
        kwh,
        o.grams,
        base,
        reason,
        fallback);
  }

  private static double baseline(Grid g, JobCtx j, Option o) {
    return j.home >= 0 && g.usable(j.home) ? Choices.atOnce(g, j, j.home).grams : o.grams;
  }

  private static double kwh(Grid g, JobCtx j, int r) {
    return j.job.energyKwh() * g.regions.get(r).pue();
  }

  private static String regionIds(Grid g, JobCtx j) {
    List<String> ids = new ArrayList<>();
    for (int r : j.regions) {
      ids.add(g.regions.get(r).id());
    }
    return String.join(", ", ids);
  }
}
