package dev.carbonshift.report;

import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * CO2 reports from the knowledge store: reads the period's runs once, groups them, states the
 * methodology and computes SCI, then writes CSV, JSON, HTML or a CodeCarbon export. Built by the
 * composition root; the CLI's {@code report} and the daemon's {@code GET /reports} both use it.
 */
public final class Reports {
  /** Hours of stored intensity drawn on each side of the chosen run's windows. */
  private static final Duration CURVE_MARGIN = Duration.ofHours(6);

  private final StoreReader store;
  private final RegionCatalog catalog;
  private final Clock clock;

  public Reports(Database db, RegionCatalog catalog, Clock clock) {
    this.store = new StoreReader(db);
    this.catalog = catalog;
    this.clock = clock;
  }

  public Report build(ReportQuery q) {
    List<RunFact> all = store.runs(q.start(), q.end());
    List<RunFact> runs = all.stream().filter(RunFact::inPeriod).toList();
    List<VersionFact> versions = store.versions();
    Map<Long, Savings.FromScratch> savings = Savings.of(versions);
    Map<Long, String> refs = new LinkedHashMap<>();
    Map<String, String> versionOfJob = new LinkedHashMap<>();
    for (VersionFact v : versions) {
      refs.put(v.id(), v.ref());
      if (v.jobId() != null) {
        versionOfJob.put(v.jobId(), v.ref());
      }
    }
    SourceKinds kinds = new SourceKinds(store.storedKinds());
    Function<String, Region> regionOf = id -> catalog.find(id).orElse(null);
    List<Figures> perRun = new ArrayList<>(runs.size());
    List<Sci.PerRun> sciRuns = new ArrayList<>(runs.size());
    for (RunFact r : runs) {
      boolean marginal = r.sources().stream().anyMatch(s -> kinds.of(s).marginal());
      Savings.FromScratch s = r.modelVersionId() == null ? null : savings.get(r.modelVersionId());
      perRun.add(Figures.of(r, marginal, s, q.embodied()));
      sciRuns.add(Sci.run(r, versionOfJob.get(r.jobId()), q.embodied()));
    }
    List<Report.Row> rows = group(runs, perRun, q.by());
    Figures totals = Figures.ZERO;
    for (Report.Row row : rows) {
      totals = totals.plus(row.figures());
    }
    return new Report(
        q,
        clock.instant(),
        rows,
        totals,
        Methodology.of(runs, kinds, regionOf, q.embodied()),
        runs,
        sciRuns,
        Sci.versions(all, versions, q.embodied()),
        group(runs, perRun, List.of(Dimension.MONTH)),
        group(runs, perRun, List.of(Dimension.TEAM)),
        group(runs, perRun, List.of(Dimension.REGION)),
        curve(runs, q.runId()));
  }

  /** The report in its query's format. */
  public String render(ReportQuery q) {
    return render(build(q), q.format());
  }

  /** A built report in {@code format}. */
  public String render(Report r, ReportFormat format) {
    return switch (format) {
      case CSV -> CsvReport.write(r);
      case JSON -> JsonReport.write(r);
      case HTML -> HtmlReport.write(r);
      case CODECARBON -> CodeCarbonExport.write(r);
    };
  }

  /** Groups in order of first appearance, sorted by key so that a report reads the same twice. */
  private static List<Report.Row> group(
      List<RunFact> runs, List<Figures> perRun, List<Dimension> by) {
    Map<List<String>, Figures> groups = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      RunFact r = runs.get(i);
      List<String> key = by.stream().map(d -> d.of(r)).toList();
      groups.merge(key, perRun.get(i), Figures::plus);
    }
    Comparator<List<String>> byKey =
        (a, b) -> {
          for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
              return c;
            }
          }
          return 0;
        };
    return groups.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(byKey))
        .map(e -> new Report.Row(e.getKey(), e.getValue()))
        .toList();
  }

  private Report.Curve curve(List<RunFact> runs, Long runId) {
    Optional<RunFact> chosen =
        runId != null
            ? runs.stream().filter(r -> r.runId() == runId).findFirst()
            : runs.stream()
                .filter(r -> r.avoidedKgCo2e() != null)
                .max(Comparator.comparingDouble(RunFact::avoidedKgCo2e));
    if (chosen.isEmpty()) {
      return null;
    }
    RunFact r = chosen.get();
    Region ran = catalog.find(r.region()).orElse(null);
    Region home = r.home() == null ? null : catalog.find(r.home()).orElse(null);
    if (ran == null) {
      return null;
    }
    Duration length = Duration.between(r.startedAt(), r.endedAt());
    Instant runNowEnd = r.submittedAt().plus(length);
    Instant from = min(r.submittedAt(), r.startedAt()).minus(CURVE_MARGIN);
    Instant to = max(r.endedAt(), runNowEnd).plus(CURVE_MARGIN);
    List<Report.Point> here = points(ran.zone(), from, to);
    List<Report.Point> atHome =
        home == null || home.zone().equals(ran.zone()) ? List.of() : points(home.zone(), from, to);
    return new Report.Curve(
        r.runId(),
        r.jobName(),
        ran.id(),
        ran.zone(),
        home == null ? null : home.id(),
        home == null ? null : home.zone(),
        r.startedAt(),
        r.endedAt(),
        r.submittedAt(),
        runNowEnd,
        here,
        atHome);
  }

  private List<Report.Point> points(String zone, Instant from, Instant to) {
    return store.curve(zone, from, to).stream()
        .map(p -> new Report.Point(p.start(), p.end(), p.gramsPerKwh(), p.kind()))
        .toList();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
