package dev.carbonshift.cli;

import dev.carbonshift.account.RunAccount;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.JobRunner;
import dev.carbonshift.daemon.LiveRun;
import dev.carbonshift.job.JobState;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.report.Dimension;
import dev.carbonshift.report.Embodied;
import dev.carbonshift.report.ReportFormat;
import dev.carbonshift.report.ReportQuery;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.ModelVersionRepository;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.train.ModelVersion;
import dev.carbonshift.train.TrainingOutcome;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The demo's execute step: every planned job trained, measured and accounted, in order. */
final class DemoRuns {
  private DemoRuns() {}

  static void runAll(Carbonshift cs, Path dir, PrintWriter out, PrintWriter err)
      throws java.io.IOException {
    JobRepository jobs = cs.jobs();
    PlacementRepository placements = cs.placements();
    ModelVersionRepository models = cs.models();
    // Parents first: scratch models before the incremental and transfer jobs that start from them.
    Map<String, PlacementRecord> placementOf = new HashMap<>();
    for (StoredJob j : jobs.inState(JobState.PLANNED)) {
      placementOf.put(j.id(), placements.current(j.id()).orElseThrow());
    }
    List<StoredJob> planned =
        jobs.inState(JobState.PLANNED).stream()
            .sorted(
                Comparator.comparing((StoredJob j) -> j.strategy() != Strategy.SCRATCH)
                    .thenComparing(j -> placementOf.get(j.id()).start()))
            .toList();
    double kg = 0;
    double baselineKg = 0;
    Table t =
        new Table(
            "JOB",
            "REGION",
            "WINDOW",
            "STATE",
            "kWh (IT)",
            "METHOD",
            "g/kWh",
            "kgCO2e",
            "AT HOME",
            "MODEL");
    JobRunner runner = cs.runner();
    for (StoredJob j : planned) {
      ProgressBar bar = new ProgressBar(err);
      err.printf("%s (%s, %s)%n", j.name(), j.strategy().name().toLowerCase(Locale.ROOT), j.id());
      PlacementRecord placement = placementOf.get(j.id());
      JobRunner.Result r = runner.run(j, LiveRun.detached(j.id()), bar::update);
      bar.finish();
      RunAccount a = r.account().orElseThrow();
      TrainingOutcome outcome = r.outcome().orElseThrow();
      double runKg = a.emissions().map(e -> e.kgCo2e()).orElse(0.0);
      double homeKg = a.baseline().map(e -> e.kgCo2e()).orElse(0.0);
      kg += runKg;
      baselineKg += homeKg;
      String model =
          outcome instanceof TrainingOutcome.Completed c
              ? c.version().ref() + " " + c.run().metric() + "=" + fmt("%.3f", c.run().testMetric())
              : outcome instanceof TrainingOutcome.Failed f ? "failed: " + f.reason() : "stopped";
      t.row(
          j.name(),
          placement.region(),
          Times.show(placement.start()),
          r.job().state().name(),
          fmt("%.2e", a.itKwh()),
          a.methodSummary(),
          a.emissions().map(e -> fmt("%.0f", e.intensity().gramsPerKwh())).orElse("?"),
          fmt("%.2e", runKg),
          fmt("%.2e", homeKg),
          model);
    }
    t.print(out);
    out.printf(
        Locale.ROOT,
        "measured: %.3g kgCO2e emitted vs %.3g kgCO2e had each job run at once at home (%.0f%% avoided)%n",
        kg,
        baselineKg,
        baselineKg > 0 ? 100 * (baselineKg - kg) / baselineKg : 0);
    Path report = dir.resolve("report.html");
    Files.writeString(
        report,
        cs.reports()
            .render(
                new ReportQuery(
                    LocalDate.EPOCH,
                    LocalDate.ofInstant(cs.clock().instant(), ZoneOffset.UTC).plusDays(1),
                    List.of(Dimension.JOB),
                    ReportFormat.HTML,
                    Embodied.DEFAULT,
                    null)));
    out.printf("report: %s%n", report);
    out.printf("%n== model registry%n");
    for (ModelVersion v : models.list(null)) {
      out.printf(
          "  %-22s %-12s from %-22s %s%n",
          v.ref(),
          v.strategy().name().toLowerCase(Locale.ROOT),
          v.parentRef() == null ? "-" : v.parentRef(),
          v.testMetrics());
    }
  }

  private static String fmt(String f, double v) {
    return String.format(Locale.ROOT, f, v);
  }
}
