package dev.carbonshift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.energy.Method;
import dev.carbonshift.job.JobState;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.report.Dimension;
import dev.carbonshift.report.Embodied;
import dev.carbonshift.report.Figures;
import dev.carbonshift.report.Report;
import dev.carbonshift.report.ReportFormat;
import dev.carbonshift.report.ReportQuery;
import dev.carbonshift.report.RunFact;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The demo's results, all from one CO2 report over the store (the same figures the {@code report}
 * verb gives): {@code report.html}, the CodeCarbon-compatible {@code emissions.csv}, {@code
 * summary.json} and a short summary in human units.
 *
 * <p>{@code summary.json}: {@code totalKwh} (IT energy, as measured), {@code facilityKwh} (× PUE),
 * {@code totalKgCo2e}, {@code baselineKgCo2e} (every run's energy at its job's submission in its
 * home region), {@code avoidedKgCo2e}, {@code avoidedPct}, {@code deadlineMisses}, {@code
 * energySavedKwh} and {@code fromScratchKwh} by strategy, {@code energyMethods}, {@code jobs} (one
 * object per job: state, slices, runs, resumed, deadline, figures) and {@code runs} (one per run;
 * the totals are their sums), and the clock: {@code start}, {@code end}, {@code speed}, {@code
 * wallSeconds}.
 */
final class DemoSummary {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private DemoSummary() {}

  /** What the demo ended with: its exit status depends on it. */
  record Outcome(int jobs, int succeeded, long deadlineMisses) {}

  static Outcome write(
      Carbonshift cs,
      Path dir,
      Instant start,
      Instant end,
      double speed,
      Duration wall,
      PrintWriter out)
      throws IOException {
    ReportQuery q =
        new ReportQuery(
            LocalDate.ofInstant(start, ZoneOffset.UTC),
            LocalDate.ofInstant(end, ZoneOffset.UTC),
            List.of(Dimension.JOB),
            ReportFormat.HTML,
            Embodied.DEFAULT,
            null);
    Report report = cs.reports().build(q);
    Files.writeString(dir.resolve("report.html"), cs.reports().render(report, ReportFormat.HTML));
    Files.writeString(
        dir.resolve("emissions.csv"), cs.reports().render(report, ReportFormat.CODECARBON));

    Figures t = report.totals();
    Map<String, Strategy> strategyOf = new LinkedHashMap<>();
    List<StoredJob> jobs =
        cs.jobs().all().stream()
            .filter(j -> !j.recurring())
            .sorted(Comparator.comparing(StoredJob::submittedAt).thenComparing(StoredJob::name))
            .toList();
    jobs.forEach(j -> strategyOf.put(j.name(), j.strategy()));
    Map<Strategy, double[]> saved = new LinkedHashMap<>();
    for (Report.Row row : report.rows()) {
      Strategy s = strategyOf.get(row.key().get(0));
      if (s != null && s != Strategy.SCRATCH) {
        double[] a = saved.computeIfAbsent(s, k -> new double[2]);
        a[0] += row.figures().energySavedKwh();
        a[1] += row.figures().fromScratchKwh();
      }
    }

    ObjectNode root = JSON.createObjectNode();
    root.put("start", start.toString());
    root.put("end", end.toString());
    root.put("speed", speed);
    root.put("wallSeconds", Math.round(wall.toMillis() / 100.0) / 10.0);
    root.put("totalKwh", t.itKwh());
    root.put("facilityKwh", t.facilityKwh());
    root.put("totalKgCo2e", t.kgCo2e());
    root.put("baselineKgCo2e", t.baselineKgCo2e());
    root.put("avoidedKgCo2e", t.avoidedKgCo2e());
    if (t.avoidedPct() != null) {
      root.put("avoidedPct", t.avoidedPct());
    }
    ObjectNode savedNode = root.putObject("energySavedKwh");
    ObjectNode scratchNode = root.putObject("fromScratchKwh");
    saved.forEach(
        (s, a) -> {
          savedNode.put(s.name().toLowerCase(Locale.ROOT), a[0]);
          scratchNode.put(s.name().toLowerCase(Locale.ROOT), a[1]);
        });
    TreeSet<String> methods = new TreeSet<>();
    boolean allModelled = true;
    for (RunFact r : report.runs()) {
      for (RunFact.Line l : r.energy()) {
        methods.add(l.component().name().toLowerCase(Locale.ROOT) + " " + l.method().label());
        allModelled &= l.method() == Method.MODELLED;
      }
    }
    ArrayNode methodNode = root.putArray("energyMethods");
    methods.forEach(methodNode::add);

    long misses = 0;
    int succeeded = 0;
    ArrayNode jobNodes = root.putArray("jobs");
    for (StoredJob j : jobs) {
      List<RunRecord> runs = cs.runs().forJob(j.id());
      List<RunFact> facts = report.runs().stream().filter(r -> r.jobId().equals(j.id())).toList();
      Instant finished =
          runs.stream()
              .filter(r -> r.endedAt() != null)
              .map(RunRecord::endedAt)
              .max(Comparator.naturalOrder())
              .orElse(null);
      boolean ok = j.state() == JobState.SUCCEEDED;
      boolean missed =
          j.deadline() != null
              && (ok
                  ? finished != null && finished.isAfter(j.deadline())
                  : end.isAfter(j.deadline()));
      misses += missed ? 1 : 0;
      succeeded += ok ? 1 : 0;
      ObjectNode n = jobNodes.addObject();
      n.put("job", j.id());
      n.put("name", j.name());
      n.put("strategy", j.strategy().name().toLowerCase(Locale.ROOT));
      n.put("state", j.state().name());
      n.put("interruptible", j.interruptible());
      if (j.parentId() != null) {
        n.put("recurringParent", j.parentId());
      }
      n.put("home", j.homeRegion());
      ArrayNode regions = n.putArray("regions");
      runs.stream().map(RunRecord::region).distinct().forEach(regions::add);
      n.put("runs", runs.size());
      n.put(
          "slices",
          runs.stream()
              .filter(r -> r.accounting() != null)
              .mapToInt(RunRecord::sliceIndex)
              .distinct()
              .count());
      n.put(
          "resumed",
          runs.stream()
              .anyMatch(r -> r.endReason() != null && r.endReason().startsWith("resumed from")));
      n.put("submittedAt", j.submittedAt().toString());
      if (j.deadline() != null) {
        n.put("deadline", j.deadline().toString());
      }
      if (finished != null) {
        n.put("finishedAt", finished.toString());
      }
      n.put("missedDeadline", missed);
      n.put("kwh", facts.stream().mapToDouble(r -> nz(r.itKwh())).sum());
      n.put("kgCo2e", facts.stream().mapToDouble(r -> nz(r.kgCo2e())).sum());
      n.put("baselineKgCo2e", facts.stream().mapToDouble(r -> nz(r.baselineKgCo2e())).sum());
      cs.models().producedBy(j.id()).ifPresent(v -> n.put("modelVersion", v.ref()));
    }
    ArrayNode runNodes = root.putArray("runs");
    for (RunFact r : report.runs()) {
      ObjectNode n = runNodes.addObject();
      n.put("run", r.runId());
      n.put("job", r.jobId());
      n.put("name", r.jobName());
      n.put("strategy", r.strategy());
      n.put("state", r.state());
      n.put("region", r.region());
      n.put("home", r.home());
      n.put("slice", cs.runs().find(r.runId()).map(RunRecord::sliceIndex).orElse(0));
      n.put("start", r.startedAt().toString());
      n.put("end", r.endedAt().toString());
      n.put("kwh", nz(r.itKwh()));
      n.put("facilityKwh", nz(r.facilityKwh()));
      if (r.gramsPerKwh() != null) {
        n.put("gramsPerKwh", r.gramsPerKwh());
      }
      n.put("kgCo2e", nz(r.kgCo2e()));
      n.put("baselineKgCo2e", nz(r.baselineKgCo2e()));
      n.put("avoidedKgCo2e", nz(r.avoidedKgCo2e()));
    }
    root.put("deadlineMisses", misses);
    Files.writeString(dir.resolve("summary.json"), JSON.writeValueAsString(root) + "\n");

    out.printf(
        "%n== summary: %d jobs (%d succeeded), %d runs, %d deadline misses; the demo's clock ran"
            + " %s in %.0f s of wall time (%.0fx)%n",
        jobs.size(),
        succeeded,
        report.runs().size(),
        misses,
        hours(Duration.between(start, end)),
        wall.toMillis() / 1000.0,
        speed);
    out.printf(
        "energy    %s kWh IT, %s kWh with PUE; %s%n",
        num(t.itKwh()),
        num(t.facilityKwh()),
        allModelled
            ? "modelled (no RAPL or NVML readable here): " + String.join(", ", methods)
            : "measured by " + String.join(", ", methods));
    out.printf(
        "emitted   %s kgCO2e (%s g); at once at home %s kgCO2e; avoided %s kgCO2e%s%n",
        num(t.kgCo2e()),
        num(1000 * t.kgCo2e()),
        num(t.baselineKgCo2e()),
        num(t.avoidedKgCo2e()),
        t.avoidedPct() == null ? "" : String.format(Locale.ROOT, " (%.0f%%)", t.avoidedPct()));
    saved.forEach(
        (s, a) -> {
          double used = a[1] - a[0];
          out.printf(
              "%-9s %s kWh vs %s kWh from scratch: %s%n",
              s.name().toLowerCase(Locale.ROOT),
              num(used),
              num(a[1]),
              a[1] <= 0
                  ? "no from-scratch figure"
                  : a[0] >= 0
                      ? String.format(Locale.ROOT, "%.0f%% less energy", 100 * a[0] / a[1])
                      : String.format(Locale.ROOT, "%.0f%% more energy", -100 * a[0] / a[1]));
        });
    out.printf(
        "files     %s, %s, %s%n",
        dir.resolve("report.html"), dir.resolve("emissions.csv"), dir.resolve("summary.json"));
    out.flush();
    return new Outcome(jobs.size(), succeeded, misses);
  }

  private static double nz(Double d) {
    return d == null ? 0 : d;
  }

  private static String hours(Duration d) {
    return String.format(Locale.ROOT, "%.1f h", d.toMinutes() / 60.0);
  }

  /** A figure in few digits, whatever its size. */
  static String num(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 0.01) {
      return String.format(Locale.ROOT, "%.3g", v);
    }
    return String.format(Locale.ROOT, "%.2e", v);
  }
}
