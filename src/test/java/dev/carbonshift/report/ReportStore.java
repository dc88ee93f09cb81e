package dev.carbonshift.report;

import dev.carbonshift.account.Emissions;
import dev.carbonshift.account.RunAccount;
import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityOver;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Signal;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.Method;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.IntensityRepository;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.ModelVersionRepository;
import dev.carbonshift.store.RunRepository;
import dev.carbonshift.store.RunState;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.testing.TestClock;
import dev.carbonshift.train.ModelVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real H2 file store holding known runs: jobs submitted from the shipped descriptors, runs
 * finished with their accounts through the store's own repositories, model versions linked as the
 * daemon links them, and stored intensities around one run. Tests compute what to expect from
 * {@link #runs}, independently of the report code.
 */
final class ReportStore implements AutoCloseable {
  static final RegionCatalog CATALOG = RegionCatalog.load(Path.of("regions"));

  /**
   * One run as written. {@code gpuKwh} has one entry per GPU; a null {@code ramKwh} means RAM was
   * not measured; a null {@code gramsPerKwh} means no intensity covered the run.
   */
  record Spec(
      String job,
      String team,
      String model,
      String region,
      String home,
      Instant start,
      Instant end,
      RunState state,
      double cpuKwh,
      List<Double> gpuKwh,
      Double ramKwh,
      Double gramsPerKwh,
      IntensityKind basis,
      double actualShare,
      String source,
      double homeGramsPerKwh,
      boolean missedDeadline) {

    double itKwh() {
      return cpuKwh
          + gpuKwh.stream().mapToDouble(Double::doubleValue).sum()
          + (ramKwh == null ? 0 : ramKwh);
    }

    double pue() {
      return CATALOG.find(region).orElseThrow().pue();
    }

    double facilityKwh() {
      return itKwh() * pue();
    }

    Double kg() {
      return gramsPerKwh == null ? null : facilityKwh() * gramsPerKwh / 1000;
    }

    double baselineKg() {
      return itKwh() * CATALOG.find(home).orElseThrow().pue() * homeGramsPerKwh / 1000;
    }

    double hours() {
      return Duration.between(start, end).toMillis() / 3_600_000.0;
    }

    String month() {
      return end.toString().substring(0, 7);
    }
  }

  final Database db;
  final TestClock clock = new TestClock(Instant.parse("2026-01-10T00:00:00Z"));
  final List<Spec> runs = new ArrayList<>();
  final Map<Spec, Long> ids = new HashMap<>();
  private final JobRepository jobs;
  private final RunRepository runRepo;
  private final ModelVersionRepository models;
  private final JobIntake intake;

  ReportStore(Path dir) {
    db = Database.file(dir.resolve("report-test"));
    jobs = new JobRepository(db, clock);
    runRepo = new RunRepository(db);
    models = new ModelVersionRepository(db);
    intake = new JobIntake(CATALOG, jobs, clock);
  }

  StoredJob submit(String file, Instant at) {
    clock.set(at);
    return intake.submit(List.of(Path.of("jobs", file))).get(0);
  }

  static Instant t(String s) {
    return Instant.parse(s);
  }

  /** The known store of the report tests: four jobs, six runs in Q1 2026, two outside. */
  static ReportStore standard(Path dir) {
    ReportStore s = new ReportStore(dir);
    StoredJob es = s.submit("forecaster-es-train.yaml", t("2026-01-10T00:00:00Z"));
    long a1 =
        s.run(
            es,
            "fr",
            "2026-01-10T02:00:00Z",
            "2026-01-10T03:00:00Z",
            RunState.INTERRUPTED,
            0.5,
            List.of(1.0),
            null,
            40.0,
            IntensityKind.ACTUAL,
            1.0,
            "trace:FR_2024_hourly.csv",
            160,
            false);
    long a2 =
        s.run(
            es,
            "fr",
            "2026-01-10T11:00:00Z",
            "2026-01-10T13:00:00Z",
            RunState.SUCCEEDED,
            0.25,
            List.of(2.0),
            0.25,
            50.0,
            IntensityKind.FORECAST,
            0.5,
            "trace:FR_2024_hourly.csv",
            150,
            true);
    long v1 =
        s.version(
            es,
            a2,
            "ci-forecaster-es",
            1,
            null,
            null,
            Strategy.SCRATCH,
            2,
            1001,
            "2026-01-10T13:00:00Z");
    StoredJob nightly = s.submit("forecaster-es-nightly.yaml", t("2026-02-03T00:00:00Z"));
    long b1 =
        s.run(
            nightly,
            "es",
            "2026-02-03T01:00:00Z",
            "2026-02-03T01:30:00Z",
            RunState.SUCCEEDED,
            0.125,
            List.of(0.25, 0.25),
            0.125,
            120.0,
            IntensityKind.ACTUAL,
            1.0,
            "trace:ES_2024_hourly.csv",
            120,
            false);
    s.version(
        nightly,
        b1,
        "ci-forecaster-es",
        2,
        "ci-forecaster-es",
        1,
        Strategy.INCREMENTAL,
        1002,
        1201,
        "2026-02-03T01:30:00Z");
    StoredJob seattle = s.submit("weather-seattle-train.yaml", t("2026-02-20T00:00:00Z"));
    long c1 =
        s.run(
            seattle,
            "no",
            "2026-02-20T03:00:00Z",
            "2026-02-20T07:00:00Z",
            RunState.SUCCEEDED,
            1.0,
            List.of(3.0),
            0.5,
            30.0,
            IntensityKind.ESTIMATE,
            0.0,
            "yearly:2024",
            380,
            false);
    s.version(
        seattle,
        c1,
        "weather-seattle",
        1,
        null,
        null,
        Strategy.SCRATCH,
        2,
        401,
        "2026-02-20T07:00:00Z");
    StoredJob ny = s.submit("weather-newyork-transfer.yaml", t("2026-03-05T00:00:00Z"));
    long d1 =
        s.run(
            ny,
            "gb",
            "2026-03-05T00:00:00Z",
            "2026-03-05T00:15:00Z",
            RunState.SUCCEEDED,
            0.01,
            List.of(0.02),
            null,
            200.0,
            IntensityKind.FORECAST,
            0.0,
            "trace:GB_2024_hourly.csv",
            200,
            false);
    s.version(
        ny,
        d1,
        "weather-newyork",
        1,
        "weather-seattle",
        1,
        Strategy.TRANSFER,
        2,
        201,
        "2026-03-05T00:15:00Z");
    // a run that failed before its meter started: counted, its emissions unknown
    StoredJob gb = s.submit("lstm-gb-interruptible.yaml", t("2026-03-20T00:00:00Z"));
    s.run(
        gb,
        "gb",
        "2026-03-20T01:00:00Z",
        "2026-03-20T01:05:00Z",
        RunState.FAILED,
        0.0,
        List.of(),
        null,
        null,
        IntensityKind.ACTUAL,
        0.0,
        null,
        0,
        false);
    // outside the period: before and after
    StoredJob before = s.submit("lstm-gb-interruptible.yaml", t("2025-12-30T00:00:00Z"));
    s.run(
        before,
        "gb",
        "2025-12-31T01:00:00Z",
        "2025-12-31T02:00:00Z",
        RunState.SUCCEEDED,
        7.0,
        List.of(7.0),
        null,
        300.0,
        IntensityKind.ACTUAL,
        1.0,
        "trace:GB_2024_hourly.csv",
        300,
        false);
    StoredJob after = s.submit("lstm-gb-interruptible.yaml", t("2026-03-31T20:00:00Z"));
    s.run(
        after,
        "gb",
        "2026-03-31T23:00:00Z",
        "2026-04-01T00:00:00Z",
        RunState.SUCCEEDED,
        9.0,
        List.of(9.0),
        null,
        300.0,
        IntensityKind.ACTUAL,
        1.0,
        "trace:GB_2024_hourly.csv",
        300,
        false);
    // hourly intensities of FR around the first job, and of ES (its home), for the curve
    s.hourly(
        "FR",
        "trace:FR_2024_hourly.csv",
        "2026-01-09T18:00:00Z",
        30,
        new double[] {90, 70, 40, 35, 60});
    s.hourly(
        "ES",
        "trace:ES_2024_hourly.csv",
        "2026-01-09T18:00:00Z",
        30,
        new double[] {200, 180, 150, 170});
    assert a1 > 0 && v1 > 0;
    return s;
  }

  /** Finishes a run with an account built from the spec, as the daemon's runner does. */
  long run(
      StoredJob job,
      String region,
      String start,
      String end,
      RunState state,
      double cpu,
      List<Double> gpus,
      Double ram,
      Double grams,
      IntensityKind basis,
      double actualShare,
      String source,
      double homeGrams,
      boolean missed) {
    Spec spec =
        new Spec(
            job.name(),
            job.team(),
            job.model(),
            region,
            job.homeRegion(),
            t(start),
            t(end),
            state,
            cpu,
            gpus,
            ram,
            grams,
            basis,
            actualShare,
            source,
            homeGrams,
            missed);
    long id = runRepo.start(job.id(), region, spec.start());
    runs.add(spec);
    ids.put(spec, id);
    if (gpus.isEmpty() && cpu == 0) {
      runRepo.finish(id, state, spec.end());
      return id;
    }
    List<ComponentEnergy> lines = new ArrayList<>();
    lines.add(ComponentEnergy.ofKwh(Component.CPU, Method.COUNTER, cpu, "rapl package-0"));
    if (!gpus.isEmpty()) {
      List<String> devices = new ArrayList<>();
      for (int i = 0; i < gpus.size(); i++) {
        devices.add("nvml GPU " + i + ": NVIDIA A100-SXM4-40GB");
      }
      lines.add(
          ComponentEnergy.ofKwh(
              Component.GPU,
              Method.COUNTER,
              gpus.stream().mapToDouble(Double::doubleValue).sum(),
              String.join("\n", devices)));
    }
    List<String> notes = new ArrayList<>();
    if (ram != null) {
      lines.add(ComponentEnergy.ofKwh(Component.RAM, Method.MODELLED, ram, "0.375 W/GB × 64 GB"));
    } else {
      notes.add("RAM: no RAM model configured on this host");
    }
    Region r = CATALOG.find(region).orElseThrow();
    Region h = CATALOG.find(job.homeRegion()).orElseThrow();
    Optional<Emissions> e =
        grams == null
            ? Optional.empty()
            : Optional.of(
                new Emissions(
                    region,
                    r.zone(),
                    r.pue(),
                    spec.facilityKwh(),
                    new IntensityOver(grams, basis, actualShare, 1, source),
                    spec.kg()));
    Optional<Emissions> b =
        Optional.of(
            new Emissions(
                h.id(),
                h.zone(),
                h.pue(),
                spec.itKwh() * h.pue(),
                new IntensityOver(homeGrams, IntensityKind.ACTUAL, 1, 1, "trace:home"),
                spec.baselineKg()));
    RunAccount a =
        new RunAccount(
            spec.start(), spec.end(), lines, spec.itKwh(), Duration.ofMillis(500), e, b, notes);
    runRepo.finish(id, state, a, List.of());
    return id;
  }

  long version(
      StoredJob job,
      long runId,
      String name,
      int version,
      String parentName,
      Integer parentVersion,
      Strategy strategy,
      long firstLine,
      long lastLine,
      String created) {
    models.register(
        new ModelVersion(
            name,
            version,
            parentName,
            parentVersion,
            strategy,
            Path.of("models", name, "v" + version),
            "f" + version,
            firstLine,
            lastLine,
            "mae",
            Map.of("mae", 1.0),
            1024,
            0,
            0,
            3,
            60,
            t(created),
            null,
            null));
    long id = models.idOf(name, version).orElseThrow();
    runRepo.recordModel(runId, id, "mae", 1.0);
    models.linkRuns(id, job.id(), runId);
    return id;
  }

  void hourly(String zone, String source, String from, int hours, double[] pattern) {
    List<IntensityPoint> pts = new ArrayList<>();
    Instant t0 = t(from);
    for (int i = 0; i < hours; i++) {
      Instant s = t0.plus(Duration.ofHours(i));
      pts.add(
          new IntensityPoint(
              zone,
              s,
              s.plus(Duration.ofHours(1)),
              pattern[i % pattern.length],
              IntensityKind.ACTUAL,
              Signal.AVERAGE,
              EmissionFactor.LIFECYCLE,
              source));
    }
    new IntensityRepository(db).save(new Forecast(zone, t0, pts), t0);
  }

  Reports reports() {
    return new Reports(db, CATALOG, clock);
  }

  @Override
  public void close() {
    db.close();
  }
}
