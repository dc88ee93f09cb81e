package dev.carbonshift.sim;

import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.region.Region;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Random quality scenarios drawn from a traces folder: 300 jobs over 14 days (1–12 h, 4–24 h slack,
 * 40% interruptible) with a random start date, power scale, homes and capacity tightness, one
 * region per zone, the cleanest region small. Every policy's emissions are divided by the LP lower
 * bound of the scenario, the oracle's included.
 */
public final class QualityBench {
  static final int JOBS = 300;
  static final Duration SPAN = Duration.ofDays(14);

  private static final List<String[]> RUNS =
      List.of(
          new String[] {"oracle", "perfect"},
          new String[] {"carbon-aware", "perfect"},
          new String[] {"carbon-aware", "noisy:0.1"},
          new String[] {"window-argmin", "perfect"},
          new String[] {"lowest-slots", "perfect"},
          new String[] {"run-now", "perfect"});

  private final Map<String, Trace> traces;
  private final PrintWriter out;
  private final Duration oracleLimit;

  public QualityBench(Map<String, Trace> traces, PrintWriter out) {
    this(traces, out, Oracle.TIME_LIMIT);
  }

  /** As above, giving the oracle's exact program {@code oracleLimit} per scenario. */
  public QualityBench(Map<String, Trace> traces, PrintWriter out, Duration oracleLimit) {
    this.traces = traces;
    this.out = out;
    this.oracleLimit = oracleLimit;
  }

  /** One drawn scenario: its world, workload and what was drawn. */
  record Scenario(long seed, World world, List<SimJob> jobs, String description) {}

  /**
   * Draws scenario {@code index} of the series {@code seed}: the same pair always gives the same
   * scenario.
   *
   * @param binding whether the cleanest region is small (else every region holds 1000 jobs)
   */
  Scenario draw(long seed, int index, boolean binding) {
    long s = seed * 1_000_003L + index;
    // java.util.Random's first draws of neighbouring seeds are nearly equal: scramble the seed
    Random rnd = new Random(new java.util.SplittableRandom(s).nextLong());
    List<Trace> zones = commonZones();
    long from = zones.stream().mapToLong(t -> t.start().getEpochSecond()).max().orElseThrow();
    long to = zones.stream().mapToLong(t -> t.end().getEpochSecond()).min().orElseThrow();
    long room = to - from - SPAN.toSeconds() - Duration.ofDays(2).toSeconds();
    if (room <= 0) {
      throw new IllegalArgumentException(
          "the traces' common span is shorter than the 16 days a scenario needs");
    }
    long startSec = from + Duration.ofDays(1).toSeconds() + (long) (rnd.nextDouble() * room);
    Instant start = Instant.ofEpochSecond(startSec / 3600 * 3600);
    Instant end = start.plus(SPAN).plus(Duration.ofDays(1));
    // the cleanest zone over the scenario's span gets the small region
    Trace cleanest =
        zones.stream().min(Comparator.comparingDouble(t -> meanOver(t, start, end))).orElseThrow();
    int small = 1 + rnd.nextInt(4);
    List<Region> regions = new ArrayList<>();
    List<String> others = new ArrayList<>();
    StringBuilder caps = new StringBuilder();
    for (Trace t : zones) {
      String id = t.zone().toLowerCase(Locale.ROOT);
      double pue = 1.08 + 0.02 * rnd.nextInt(11);
      int cap = !binding ? 1000 : t == cleanest ? small : 5 + rnd.nextInt(6);
      regions.add(new Region(id, id, t.zone(), pue, cap, null, null, null, List.of(), null));
      caps.append(caps.isEmpty() ? "" : ", ").append(id).append(' ').append(cap);
      if (t != cleanest) {
        others.add(id);
      }
    }
    // homes: a random non-empty subset of the regions other than the cleanest
    List<String> homes = new ArrayList<>();
    for (String o : others) {
      if (rnd.nextBoolean()) {
        homes.add(o);
      }
    }
    if (homes.isEmpty()) {
      homes.add(others.get(rnd.nextInt(others.size())));
    }
    double powerScale = 0.5 + rnd.nextDouble();
    List<SimJob> jobs = workload(rnd, start, homes, powerScale);
    World w = World.of("scenario", regions, "traces", traces);
    String text =
        String.format(
            Locale.ROOT,
            "seed %d: %s, capacity %s, homes %s, power x%.2f",
            s,
            start.toString().substring(0, 10),
            caps,
            homes,
            powerScale);
    return new Scenario(s, w, jobs, text);
  }

  private static List<SimJob> workload(
      Random rnd, Instant start, List<String> homes, double powerScale) {
    double[] powers = {0.3, 0.6, 1.2, 2.4};
    List<SimJob> out = new ArrayList<>(JOBS);
    for (int i = 0; i < JOBS; i++) {
      Instant submitted = start.plusSeconds((long) (rnd.nextDouble() * SPAN.toSeconds()));
      Duration d = Duration.ofMinutes(60 + rnd.nextInt(11 * 60 + 1));
      Duration slack = Duration.ofMinutes(4 * 60 + rnd.nextInt(20 * 60 + 1));
      out.add(
          new SimJob(
              String.format("q%05d", i),
              submitted,
              d,
              powers[rnd.nextInt(powers.length)] * powerScale,
              submitted.plus(d).plus(slack),
              rnd.nextDouble() < 0.4,
              homes.get(rnd.nextInt(homes.size())),
              Set.of(),
              0));
    }
    return out;
  }

  /**
   * The largest set of zones whose traces share at least 16 days (the latest-starting set among
   * equals): a folder may hold traces of different years.
   */
  List<Trace> commonZones() {
    List<Trace> all = new ArrayList<>(new TreeMap<>(traces).values());
    List<Trace> best = List.of();
    for (Trace anchor : all) {
      List<Trace> group = new ArrayList<>();
      for (Trace t : all) {
        long a = Math.max(anchor.start().getEpochSecond(), t.start().getEpochSecond());
        long b = Math.min(anchor.end().getEpochSecond(), t.end().getEpochSecond());
        if (b - a >= Duration.ofDays(16).toSeconds()) {
          group.add(t);
        }
      }
      if (group.size() > best.size()) {
        best = group;
      }
    }
    if (best.size() < 2) {
      throw new IllegalArgumentException(
          "a quality scenario needs traces of at least two zones sharing 16 days");
    }
    return best;
  }

  private static double meanOver(Trace t, Instant a, Instant b) {
    double sum = 0;
    int n = 0;
    for (long x = a.getEpochSecond(); x < b.getEpochSecond(); x += 3600) {
      sum += t.gramsPerKwhAt(Instant.ofEpochSecond(x));
      n++;
    }
    return sum / Math.max(1, n);
  }

  /** Ratios of one policy and forecast over the scenarios. */
  static final class Column {
    final String label;
    final List<Double> ratios = new ArrayList<>();
    int misses;
    double seconds;
    int plans;

    Column(String label) {
      this.label = label;
    }
  }

  /** Runs {@code n} scenarios of the series {@code seed}, printing each and the summary. */
  public Map<String, Column> run(int n, long seed, boolean binding) {
    Map<String, Column> cols = new LinkedHashMap<>();
    for (String[] r : RUNS) {
      cols.put(r[0] + " " + r[1], new Column(r[0] + " " + r[1]));
    }
    int ahead = 0;
    List<Double> oracleOverLp = new ArrayList<>();
    List<Double> boundOverLp = new ArrayList<>();
    out.printf(
        Locale.ROOT,
        "%n%d %s scenarios (series %d): %d jobs over 14 days, 1-12 h, 4-24 h slack, 40%%"
            + " interruptible; zones %s; ratios are kgCO2e / proven bound (the better of SCIP's dual"
            + " bound of the 0/1 program and the LP relaxation), policies in the order %s%n",
        n,
        binding ? "binding" : "non-binding",
        seed,
        JOBS,
        commonZones().stream().map(Trace::zone).toList(),
        cols.keySet());
    for (int i = 0; i < n; i++) {
      Scenario sc = draw(seed, i, binding);
      Map<String, Double> kg = new LinkedHashMap<>();
      double bound = Double.NaN;
      double lp = Double.NaN;
      StringBuilder line = new StringBuilder();
      for (String[] r : RUNS) {
        long t0 = System.nanoTime();
        SimResult res =
            Simulation.run(
                sc.world(),
                "scenario",
                sc.jobs(),
                Policy.parse(r[0]),
                ForecastMode.parse(r[1], sc.seed()),
                dev.carbonshift.plan.PlanSettings.DEFAULT,
                oracleLimit);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (res.lowerBoundKgCo2e() != null) {
          bound = res.lowerBoundKgCo2e();
          lp = res.lpBoundKgCo2e() == null ? bound : res.lpBoundKgCo2e();
        }
        Column c = cols.get(r[0] + " " + r[1]);
        c.misses += res.deadlineMisses();
        c.seconds += secs;
        c.plans += r[0].equals("oracle") ? 1 : sc.jobs().size();
        kg.put(c.label, res.totalKgCo2e());
      }
      for (Map.Entry<String, Double> e : kg.entrySet()) {
        double ratio = e.getValue() / bound;
        cols.get(e.getKey()).ratios.add(ratio);
        line.append(String.format(Locale.ROOT, " %.3f", ratio));
      }
      oracleOverLp.add(kg.get("oracle perfect") / lp);
      boundOverLp.add(bound / lp);
      double ca = kg.get("carbon-aware perfect");
      if (ca < kg.get("window-argmin perfect") && ca < kg.get("lowest-slots perfect")) {
        ahead++;
      }
      out.printf(
          Locale.ROOT,
          "  %s | bound %.2f kg (LP %.2f) | ratios%s%n",
          sc.description(),
          bound,
          lp,
          line);
    }
    out.printf(
        Locale.ROOT,
        "  %-24s %7s %7s %7s %7s %7s %11s%n",
        "policy, forecast",
        "mean",
        "median",
        "p95",
        "worst",
        "misses",
        "ms/plan");
    for (Column c : cols.values()) {
      double[] v = c.ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      out.printf(
          Locale.ROOT,
          "  %-24s %7.3f %7.3f %7.3f %7.3f %7d %11.1f%n",
          c.label,
          Arrays.stream(v).average().orElse(Double.NaN),
          quantile(v, 0.5),
          quantile(v, 0.95),
          v.length == 0 ? Double.NaN : v[v.length - 1],
          c.misses,
          1000 * c.seconds / Math.max(1, c.plans));
    }
    double[] olp = oracleOverLp.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double[] lb = boundOverLp.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    out.printf(
        Locale.ROOT,
        "  oracle / LP bound: median %.3f, p95 %.3f, worst %.3f; proven bound / LP bound: median"
            + " %.3f, highest %.3f (the LP relaxation's integrality gap is at least this)%n",
        quantile(olp, 0.5),
        quantile(olp, 0.95),
        olp.length == 0 ? Double.NaN : olp[olp.length - 1],
        quantile(lb, 0.5),
        lb.length == 0 ? Double.NaN : lb[lb.length - 1]);
    out.printf(
        Locale.ROOT,
        "  carbon-aware (perfect) ahead of window-argmin and lowest-slots in %d of %d scenarios;"
            + " oracle ms/plan is the whole offline plan (SCIP, %d s limit)%n",
        ahead,
        n,
        oracleLimit.toSeconds());
    return cols;
  }

  /** Linear interpolation between order statistics. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
