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

  /** The capacities of the year-long replay's regions: no, es, us-cal-ciso, es-b. */
  public static final List<Integer> YEAR_CAPACITIES = List.of(8, 20, 20, 20);

  /**
   * The year-long replay: an arrival trace of a year over four regions whose capacities bind hard
   * (by default 8 jobs in the cleanest, 20 in the others), timing each policy and saying what share
   * of the jobs capacity displaced from their own cheapest option.
   *
   * @param capacities jobs at once in no, es, us-cal-ciso and es-b
   */
  public void simulateSpeed(Path arrivals, List<String> policies, List<Integer> capacities) {
    if (capacities.size() != 4 || capacities.stream().anyMatch(c -> c < 1)) {
      throw new IllegalArgumentException(
          "the replay's capacities are four whole numbers >= 1 (no, es, us-cal-ciso, es-b), got "
              + capacities);
    }
    World w = world(capacities);
    Instant start = Instant.parse("2022-01-01T00:00:00Z");
    List<SimJob> all =
        WorkloadReader.read(arrivals, new ArrivalOptions(start, 0, 50, 12, "es", 0.4, 7));
    Instant end = Instant.parse("2022-12-31T00:00:00Z");
    List<SimJob> jobs = all.stream().filter(j -> j.deadline().isBefore(end)).toList();
    out.printf(
        Locale.ROOT,
        "%nreplay of %s: %d jobs (%d whose deadline passes the trace's end left out), 4 regions"
            + " (%s), hourly 2022 traces, max heap %d MiB%n",
        arrivals.getFileName(),
        jobs.size(),
        all.size() - jobs.size(),
        capacities(w),
        Runtime.getRuntime().maxMemory() >> 20);
    for (String p : policies) {
      Policy policy = Policy.parse(p);
      resetPeaks();
      double load0 = loadAverage();
      long cpu0 = processCpuNanos();
      long t0 = System.nanoTime();
      SimResult r = Simulation.run(w, "pai", jobs, policy, new ForecastMode.Perfect());
      double secs = (System.nanoTime() - t0) / 1e9;
      double cpu = (processCpuNanos() - cpu0) / 1e9;
      out.printf(
          Locale.ROOT,
          "  %-13s %6.1f s (cpu %6.1f s, load %.1f..%.1f)  %10.1f kgCO2e (%.1f%% saved)  misses %d"
              + "  displaced %s  peak heap %d MiB%n",
          p,
          secs,
          cpu,
          load0,
          loadAverage(),
          r.totalKgCo2e(),
          r.savingsPct(),
          r.deadlineMisses(),
          policy == Policy.CARBON_AWARE || policy == Policy.ANTICIPATING
              ? String.format(Locale.ROOT, "%.1f%%", r.displacedPct())
              : "n/a (capacity ignored)",
          peakHeapMiB());
    }
  }

  private static String capacities(World w) {
    StringBuilder b = new StringBuilder();
    for (var r : w.regions()) {
      b.append(b.length() == 0 ? "" : ", ").append(r.id()).append(' ').append(r.capacity());
    }
    return b.append(" jobs").toString();
  }

  /** The system's load average over the last minute (the build machine is shared). */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** CPU time of this process, all threads together; -1 where the JVM does not say. */
  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  World world(List<Integer> capacities) {
    List<Region> regions = new ArrayList<>();
    regions.add(region("es", "ES", 1.2, capacities.get(1)));
    regions.add(region("no", "NO", 1.12, capacities.get(0)));
    regions.add(region("us-cal-ciso", "US-CAL-CISO", 1.12, capacities.get(2)));
    // a second Spanish data centre, less efficient: a fourth region on 2022 data
    regions.add(region("es-b", "ES", 1.4, capacities.get(3)));
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
