package dev.carbonshift.sim;

import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.carbon.trace.TraceReader;
import dev.carbonshift.region.Region;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures {@code bench} prints: quality against the oracle, plan and replay speed, heap. */
public final class Benchmarks {
  private static final List<String> POLICIES =
      List.of("run-now", "window-argmin", "lowest-slots", "carbon-aware", "oracle");

  private final Map<String, Trace> traces;
  private final PrintStream out;

  public Benchmarks(Path tracesDir, PrintStream out) {
    // the bundled DE trace misses two single quarter-hours, filled (and said so) like any gap
    this.traces =
        TraceReader.readFolder(
            tracesDir, new TraceReader.Options(TraceReader.Options.DEFAULT.factor(), true));
    this.out = out;
  }

  /** One quality scenario: a workload, regions of given capacities, a forecast mode. */
  public record Scenario(
      String name, Instant start, int jobs, boolean spatial, int noCapacity, int otherCapacity) {}

  public static List<Scenario> scenarios() {
    Instant march = Instant.parse("2022-03-07T00:00:00Z");
    Instant july = Instant.parse("2022-07-04T00:00:00Z");
    Instant nov = Instant.parse("2022-11-07T00:00:00Z");
    return List.of(
        new Scenario("binding, March", march, 300, true, 2, 6),
        new Scenario("binding, July", july, 300, true, 2, 6),
        new Scenario("binding, November", nov, 400, true, 3, 8),
        new Scenario("not binding, March", march, 300, true, 1000, 1000),
        new Scenario("temporal only, July", july, 300, false, 1000, 1000));
  }

  public void quality(List<String> forecasts) {
    for (Scenario s : scenarios()) {
      World w = world(s.noCapacity(), s.otherCapacity(), false);
      List<SimJob> jobs =
          SyntheticWorkload.generate(
              42,
              s.jobs(),
              s.start(),
              Duration.ofDays(14),
              List.of("es", "us-cal-ciso"),
              s.spatial(),
              0.4);
      SimResult oracle =
          Simulation.run(w, s.name(), jobs, Policy.ORACLE, new ForecastMode.Perfect());
      out.printf(
          Locale.ROOT,
          "%n%s: %d jobs over 14 days, NO capacity %d, others %d%n  oracle %.1f kgCO2e (lower"
              + " bound %.1f), at once at home %.1f%n",
          s.name(),
          s.jobs(),
          s.noCapacity(),
          s.otherCapacity(),
          oracle.totalKgCo2e(),
          oracle.lowerBoundKgCo2e(),
          oracle.baselineKgCo2e());
      for (String f : forecasts) {
        for (String p : POLICIES.subList(0, 4)) {
          ForecastMode mode = ForecastMode.parse(f, 7);
          SimResult r = Simulation.run(w, s.name(), jobs, Policy.parse(p), mode);
          out.printf(
              Locale.ROOT,
              "  %-13s %-12s %8.1f kgCO2e  %.3f x oracle  %.3f x bound  misses %d%n",
              p,
              f,
              r.totalKgCo2e(),
              r.totalKgCo2e() / oracle.totalKgCo2e(),
              r.totalKgCo2e() / oracle.lowerBoundKgCo2e(),
              r.deadlineMisses());
        }
      }
    }
  }

  /** Replays an arrival trace of a year over four regions, timing each policy. */
  public void simulateSpeed(Path arrivals, List<String> policies) {
    World w = world(8, 20, true);
    Instant start = Instant.parse("2022-01-01T00:00:00Z");
    List<SimJob> all =
        WorkloadReader.read(arrivals, new ArrivalOptions(start, 0, 50, 12, "es", 0.4, 7));
    Instant end = Instant.parse("2022-12-31T00:00:00Z");
    List<SimJob> jobs = all.stream().filter(j -> j.deadline().isBefore(end)).toList();
    out.printf(
        Locale.ROOT,
        "%nreplay of %s: %d jobs (%d whose deadline passes the trace's end left out), 4 regions,"
            + " hourly 2022 traces%n",
        arrivals.getFileName(),
        jobs.size(),
        all.size() - jobs.size());
    for (String p : policies) {
      resetPeaks();
      long t0 = System.nanoTime();
      SimResult r = Simulation.run(w, "pai", jobs, Policy.parse(p), new ForecastMode.Perfect());
      double secs = (System.nanoTime() - t0) / 1e9;
      out.printf(
          Locale.ROOT,
          "  %-13s %6.1f s  %10.1f kgCO2e (%.1f%% saved)  misses %d  peak heap %d MiB%n",
          p,
          secs,
          r.totalKgCo2e(),
          r.savingsPct(),
          r.deadlineMisses(),
          peakHeapMiB());
    }
  }

  World world(int noCapacity, int otherCapacity, boolean fourth) {
    List<Region> regions = new ArrayList<>();
    regions.add(region("es", "ES", 1.2, otherCapacity));
    regions.add(region("no", "NO", 1.12, noCapacity));
    regions.add(region("us-cal-ciso", "US-CAL-CISO", 1.12, otherCapacity));
    if (fourth) {
      // a second Spanish data centre, less efficient: a fourth region on 2022 data
      regions.add(region("es-b", "ES", 1.4, otherCapacity));
    }
    return World.of("bench", regions, "traces", traces);
  }

  private static Region region(String id, String zone, double pue, int capacity) {
    return new Region(id, id, zone, pue, capacity, null, null, null, List.of(), null);
  }

  public static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  /** Sum of the heap pools' peaks since the last reset: an upper estimate of the live peak. */
  public static long peakHeapMiB() {
    long bytes = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        bytes += p.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }
}
