package dev.carbonshift.sim;

import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.carbon.trace.TraceReader;
import dev.carbonshift.region.Region;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures {@code bench} prints: quality against the oracle, plan and replay speed, heap. */
public final class Benchmarks {
  private final Map<String, Trace> traces;
  private final PrintWriter out;

  public Benchmarks(Path tracesDir, PrintWriter out) {
    // the bundled DE trace misses two single quarter-hours, filled (and said so) like any gap
    this.traces =
        TraceReader.readFolder(
            tracesDir, new TraceReader.Options(TraceReader.Options.DEFAULT.factor(), true));
    this.out = out;
  }

  /**
   * Random scenarios drawn from the traces ({@link QualityBench}): {@code binding} where the
   * cleanest region is small, {@code nonBinding} where no region is.
   */
  public void quality(int binding, int nonBinding, long seed, java.time.Duration oracleLimit) {
    QualityBench q = new QualityBench(traces, out, oracleLimit);
    if (binding > 0) {
      q.run(binding, seed, true);
    }
    if (nonBinding > 0) {
      q.run(nonBinding, seed, false);
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
