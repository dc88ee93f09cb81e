package dev.carbonshift.report;

import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The report's bench: fills a store with many synthetic runs (seeded: teams, models, regions,
 * months, energy lines, versions, an interrupted run now and then) in batches, then times building
 * and writing each format and reads the heap's peak while it does.
 */
public final class ReportBench {
  private static final String[] TEAMS = {
    "grid-analytics", "forecasting", "vision", "speech", "ranking", "ads", "search", "research"
  };
  private static final int RUNS_PER_JOB = 5;

  /** One format's figures: seconds of each repetition, bytes written, heap peak in bytes. */
  public record Timing(
      String format,
      List<Double> seconds,
      List<Double> cpuSeconds,
      long bytes,
      long peakHeapBytes) {
    public double median() {
      List<Double> s = new ArrayList<>(seconds);
      s.sort(null);
      return s.get(s.size() / 2);
    }

    public String line() {
      return String.format(
          Locale.ROOT,
          "report %-10s median %.2f s wall, %.2f s CPU (wall min %.2f, max %.2f over %d), %.1f MB"
              + " written, heap peak %.0f MiB",
          format,
          median(),
          cpuSeconds.stream().sorted().toList().get(cpuSeconds.size() / 2),
          seconds.stream().mapToDouble(Double::doubleValue).min().orElse(0),
          seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0),
          seconds.size(),
          bytes / 1e6,
          peakHeapBytes / 1048576.0);
    }
  }

  private ReportBench() {}

  /** Writes {@code runs} finished runs ending in 2025, in jobs of five runs each. */
  public static void fill(Database db, RegionCatalog catalog, int runs, long seed) {
    List<Region> regions = catalog.all();
    Random rnd = new Random(seed);
    Instant year = Instant.parse("2025-01-01T00:00:00Z");
    db.jdbc()
        .inTransaction(
            c -> {
              try (PreparedStatement job =
                      c.prepareStatement(
                          "INSERT INTO jobs (id, name, team, kind, strategy, model, state,"
                              + " descriptor, descriptor_format, submitted_at, updated_at,"
                              + " earliest_start, deadline, home_region, interruptible, priority,"
                              + " row_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                  PreparedStatement run =
                      c.prepareStatement(
                          "INSERT INTO runs (id, job_id, region, state, started_at, ended_at,"
                              + " it_kwh, pue, facility_kwh, intensity_g_per_kwh, intensity_kind,"
                              + " intensity_actual_share, intensity_source, kg_co2e,"
                              + " baseline_region, baseline_pue, baseline_g_per_kwh,"
                              + " baseline_intensity_kind, baseline_kg_co2e, avoided_kg_co2e,"
                              + " energy_method, model_version_id, details)"
                              + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
                  PreparedStatement line =
                      c.prepareStatement(
                          "INSERT INTO run_energy (run_id, component, method, it_kwh, detail)"
                              + " VALUES (?,?,?,?,?)");
                  PreparedStatement version =
                      c.prepareStatement(
                          "INSERT INTO model_versions (id, name, version, parent_name,"
                              + " parent_version, strategy, job_id, path, row_from, row_to, kwh,"
                              + " kg_co2e, created_at, run_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int jobs = (runs + RUNS_PER_JOB - 1) / RUNS_PER_JOB;
                long runId = 0;
                for (int j = 0; j < jobs; j++) {
                  String id = "bench-" + j;
                  String model = "model-" + (j % 40);
                  String strategy = j < 40 ? "SCRATCH" : (j % 3 == 0 ? "TRANSFER" : "INCREMENTAL");
                  Region home = regions.get(rnd.nextInt(regions.size()));
                  Instant submitted = year.plusSeconds((long) (rnd.nextDouble() * 360 * 86400));
                  job.setString(1, id);
                  job.setString(2, "job-" + (j % 500));
                  job.setString(3, TEAMS[j % TEAMS.length]);
                  job.setString(4, "TRAIN");
                  job.setString(5, strategy);
                  job.setString(6, model);
                  job.setString(7, "SUCCEEDED");
                  job.setString(8, "name: job-" + j);
                  job.setString(9, "yaml");
                  time(job, 10, submitted);
                  time(job, 11, submitted);
                  time(job, 12, submitted);
                  time(job, 13, submitted.plus(Duration.ofHours(12)));
                  job.setString(14, home.id());
                  job.setBoolean(15, true);
                  job.setInt(16, 0);
                  job.setLong(17, 1);
                  job.addBatch();
                  Instant t = submitted.plus(Duration.ofMinutes(rnd.nextInt(360)));
                  double jobKwh = 0;
                  int n = (int) Math.min(RUNS_PER_JOB, runs - runId);
                  for (int k = 0; k < n; k++) {
                    runId++;
                    boolean last = k == n - 1;
                    Region r = regions.get(rnd.nextInt(regions.size()));
                    Instant end = t.plus(Duration.ofMinutes(10 + rnd.nextInt(120)));
                    double cpu = 0.05 + rnd.nextDouble();
                    int gpus = rnd.nextInt(3);
                    double gpu = gpus * (0.2 + 2 * rnd.nextDouble());
                    double it = cpu + gpu;
                    double g = 20 + 500 * rnd.nextDouble();
                    double hg = 20 + 500 * rnd.nextDouble();
                    double kg = it * r.pue() * g / 1000;
                    double base = it * home.pue() * hg / 1000;
                    jobKwh += it;
                    run.setLong(1, runId);
                    run.setString(2, id);
                    run.setString(3, r.id());
                    run.setString(4, last ? "SUCCEEDED" : "INTERRUPTED");
                    time(run, 5, t);
                    time(run, 6, end);
                    run.setDouble(7, it);
                    run.setDouble(8, r.pue());
                    run.setDouble(9, it * r.pue());
                    run.setDouble(10, g);
                    run.setString(11, k % 4 == 0 ? "ACTUAL" : "FORECAST");
                    run.setDouble(12, k % 4 == 0 ? 1 : 0.5);
                    run.setString(13, "trace:" + r.zone() + "_2024_hourly.csv");
                    run.setDouble(14, kg);
                    run.setString(15, home.id());
                    run.setDouble(16, home.pue());
                    run.setDouble(17, hg);
                    run.setString(18, "ACTUAL");
                    run.setDouble(19, base);
                    run.setDouble(20, base - kg);
                    run.setString(21, gpus > 0 ? "CPU counter, GPU counter" : "CPU counter");
                    if (last) {
                      run.setLong(22, j + 1);
                    } else {
                      run.setNull(22, Types.BIGINT);
                    }
                    run.setString(23, gpus > 0 ? "" : "GPU: no GPU on this host");
                    run.addBatch();
                    lineOf(line, runId, "CPU", cpu, "rapl package-0");
                    if (gpus > 0) {
                      lineOf(line, runId, "GPU", gpu, gpus == 1 ? "gpu 0" : "gpu 0\ngpu 1");
                    }
                    t = end.plus(Duration.ofMinutes(rnd.nextInt(60)));
                    if (last) {
                      version.setLong(1, j + 1);
                      version.setString(2, model);
                      version.setInt(3, j / 40 + 1);
                      version.setString(4, j < 40 ? null : model);
                      if (j < 40) {
                        version.setNull(5, Types.INTEGER);
                      } else {
                        version.setInt(5, j / 40);
                      }
                      version.setString(6, strategy);
                      version.setString(7, id);
                      version.setString(8, "models/" + model);
                      version.setLong(9, j < 40 ? 2 : 2 + 100L * (j / 40));
                      version.setLong(10, 2 + 100L * (j / 40 + 1));
                      version.setDouble(11, jobKwh);
                      version.setDouble(12, 0);
                      time(version, 13, end);
                      version.setLong(14, runId);
                      version.addBatch();
                    }
                  }
                  if (j % 200 == 199) {
                    job.executeBatch();
                    run.executeBatch();
                    line.executeBatch();
                    version.executeBatch();
                  }
                }
                job.executeBatch();
                run.executeBatch();
                line.executeBatch();
                version.executeBatch();
              }
              return null;
            });
  }

  private static void lineOf(PreparedStatement ps, long run, String c, double kwh, String detail)
      throws SQLException {
    ps.setLong(1, run);
    ps.setString(2, c);
    ps.setString(3, "COUNTER");
    ps.setDouble(4, kwh);
    ps.setString(5, detail);
    ps.addBatch();
  }

  private static void time(PreparedStatement ps, int i, Instant t) throws SQLException {
    ps.setObject(i, t.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
  }

  /** Builds and writes the report {@code repeats} times per format, from reading the store on. */
  public static List<Timing> time(Reports reports, ReportQuery q, int repeats) {
    List<Timing> out = new ArrayList<>();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    for (ReportFormat f : ReportFormat.values()) {
      List<Double> seconds = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      long bytes = 0;
      long peak = 0;
      for (int i = 0; i < repeats; i++) {
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        // CPU time too: on a shared machine the wall clock also counts waiting for a core (the
        // report runs on this thread, H2 embedded included)
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        String text = reports.render(q.withFormat(f));
        seconds.add((System.nanoTime() - t0) / 1e9);
        cpu.add((threads.getCurrentThreadCpuTime() - c0) / 1e9);
        bytes = text.length();
        // the sum of each pool's peak: an upper bound of the heap in use at any one time
        peak = Math.max(peak, heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum());
      }
      out.add(new Timing(f.label(), seconds, cpu, bytes, peak));
    }
    return out;
  }
}
