package dev.carbonshift.sim;

import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.plan.PlanRegion;
import dev.carbonshift.region.Region;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The regions of a replay and the actual intensities of their zones. */
public final class World {
  final Map<String, PlanRegion> regions = new LinkedHashMap<>();
  final Map<String, Actuals> actualsByZone = new HashMap<>();
  final Map<String, Trace> traces;

  private World(Map<String, Trace> traces) {
    this.traces = traces;
  }

  /**
   * Matches regions to traces by zone.
   *
   * @throws InvalidInputException naming the region whose zone has no trace
   */
  public static World of(
      String regionsDir, List<Region> regions, String tracesDir, Map<String, Trace> traces) {
    World w = new World(Map.copyOf(traces));
    for (Region r : regions) {
      Trace t = traces.get(r.zone());
      if (t == null) {
        throw new InvalidInputException(
            regionsDir,
            0,
            "zone",
            "region '"
                + r.id()
                + "' is in zone "
                + r.zone()
                + " but "
                + tracesDir
                + " has no trace for it (has: "
                + String.join(", ", new TreeSet<>(traces.keySet()))
                + "); add <ZONE>.csv or leave the region out with --only-regions");
      }
      w.regions.put(r.id(), PlanRegion.of(r));
      w.actualsByZone.computeIfAbsent(r.zone(), z -> new Actuals(t));
    }
    return w;
  }

  public List<PlanRegion> regions() {
    return List.copyOf(regions.values());
  }

  Actuals actuals(String regionId) {
    return actualsByZone.get(regions.get(regionId).zone());
  }

  /**
   * Whether the job's window (submission to deadline) lies within the trace of its home region's
   * zone; a job whose home is unknown is not judged here.
   */
  boolean withinTraces(SimJob j) {
    if (!regions.containsKey(j.home())) {
      return true;
    }
    Actuals a = actuals(j.home());
    return !j.submitted().isBefore(a.trace.start()) && !j.deadline().isAfter(a.trace.end());
  }

  /** Checks every job's regions exist and its run lies within the traces. */
  void check(String workload, List<SimJob> jobs) {
    check(workload, jobs, java.util.Map.of());
  }

  /** As {@link #check(String, List)}, naming the line each job came from. */
  void check(String workload, List<SimJob> jobs, java.util.Map<String, Integer> lines) {
    for (SimJob j : jobs) {
      int line = lines.getOrDefault(j.id(), 0);
      for (String id : j.regions().isEmpty() ? List.of(j.home()) : j.regions()) {
        if (!regions.containsKey(id) && !id.equals(j.home())) {
          throw new InvalidInputException(
              workload, line, "regions", "job " + j.id() + ": unknown region '" + id + "'");
        }
      }
      if (!regions.containsKey(j.home())) {
        throw new InvalidInputException(
            workload,
            line,
            "home",
            "job " + j.id() + ": home region '" + j.home() + "' is not among " + regions.keySet());
      }
      Actuals a = actuals(j.home());
      if (!withinTraces(j)) {
        throw new InvalidInputException(
            workload,
            line,
            "submitted",
            "job "
                + j.id()
                + " ("
                + j.submitted()
                + " .. "
                + j.deadline()
                + ") lies outside the trace of "
                + a.trace.zone()
                + " ("
                + a.trace.start()
                + " .. "
                + a.trace.end()
                + ")");
      }
    }
  }
}
