package dev.carbonshift.sim;

import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.carbon.trace.TraceReader;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads the files a replay names and runs it: the I/O around {@link Simulation}. */
public final class Simulations {
  private Simulations() {}

  /** What {@code simulate} was asked for. */
  public record Inputs(
      Path regions,
      Path traces,
      Path workload,
      Policy policy,
      String forecast,
      long seed,
      TraceReader.Options traceOptions,
      List<String> onlyRegions,
      ArrivalOptions arrivals,
      boolean skipOutsideTraces) {}

  public static World world(Inputs in) {
    List<Region> regions = RegionCatalog.load(in.regions()).all();
    if (in.onlyRegions() != null && !in.onlyRegions().isEmpty()) {
      for (String id : in.onlyRegions()) {
        if (regions.stream().noneMatch(r -> r.id().equals(id))) {
          throw new InvalidInputException(
              in.regions().toString(), 0, null, "--only-regions names unknown region '" + id + "'");
        }
      }
      regions = regions.stream().filter(r -> in.onlyRegions().contains(r.id())).toList();
    }
    if (!Files.isDirectory(in.traces())) {
      throw new InvalidInputException(in.traces().toString(), 0, null, "no such traces folder");
    }
    Map<String, Trace> traces = TraceReader.readFolder(in.traces(), in.traceOptions());
    return World.of(in.regions().toString(), regions, in.traces().toString(), traces);
  }

  public static SimResult run(Inputs in) {
    World world = world(in);
    WorkloadReader.Workload workload = WorkloadReader.readWithLines(in.workload(), in.arrivals());
    List<SimJob> jobs = workload.jobs();
    int left = 0;
    if (in.skipOutsideTraces()) {
      List<SimJob> inside = jobs.stream().filter(world::withinTraces).toList();
      left = jobs.size() - inside.size();
      jobs = inside;
    }
    world.check(in.workload().toString(), jobs, workload.lines());
    ForecastMode mode = ForecastMode.parse(in.forecast(), in.seed());
    SimResult r = Simulation.run(world, in.workload().toString(), jobs, in.policy(), mode);
    if (!in.skipOutsideTraces()) {
      return r;
    }
    return r.withNoteFirst(
        "left out "
            + left
            + " of "
            + (jobs.size() + left)
            + " jobs whose window (submission to deadline) lies outside the traces");
  }
}
