package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.report.Report;
import dev.carbonshift.report.ReportFormat;
import dev.carbonshift.report.ReportQuery;
import dev.carbonshift.report.Reports;
import dev.carbonshift.report.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: CO2 reports of the runs in the store, for sustainability and finance teams. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "CO2 report of the runs that ended in a period: CSV, JSON or HTML with charts (or the runs"
            + " as CodeCarbon's emissions.csv), with the methodology and SCI per run and per model"
            + " version.")
final class ReportCommand implements Callable<Integer> {
  private final Context ctx;

  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Option(names = "--from", paramLabel = "DATE", description = "first day, YYYY-MM-DD (UTC)")
  String from;

  @Option(names = "--to", paramLabel = "DATE", description = "last day, included, YYYY-MM-DD")
  String to;

  @Option(
      names = "--by",
      paramLabel = "DIM,...",
      description = "group by team, model, region, job, month (any combination; default: none)")
  String by;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "csv",
      description = "csv, json, html or codecarbon (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "where to write the report (default: standard output)")
  String out;

  @Option(
      names = "--emissions-csv",
      paramLabel = "FILE",
      description = "also write the period's runs as CodeCarbon's emissions.csv to FILE")
  String emissionsCsv;

  @Option(
      names = "--run",
      paramLabel = "ID",
      description =
          "html: the run whose intensity curve is drawn (default: the one that avoided most)")
  String run;

  @Option(
      names = "--embodied-gpu",
      paramLabel = "G",
      description = "embodied gCO2e per GPU-hour for SCI (default: 3.36, from the BLOOM study)")
  String embodiedGpu;

  @Option(
      names = "--embodied-cpu",
      paramLabel = "G",
      description = "embodied gCO2e per CPU-hour for SCI (default: 28.0, from the BLOOM study)")
  String embodiedCpu;

  ReportCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    ReportQuery.Origin cli = ReportQuery.Origin.CLI;
    ReportQuery q =
        ReportQuery.parse(
                from, to, by, format, ReportQuery.embodied(embodiedGpu, embodiedCpu, cli), cli)
            .withRun(ReportQuery.run(run, cli));
    PrintWriter stdout = spec.commandLine().getOut();
    try (Carbonshift cs = store.openToRead(ctx)) {
      Reports reports = cs.reports();
      Report r = reports.build(q);
      String text = reports.render(r, q.format());
      if (out == null) {
        stdout.print(text);
      } else {
        write(ctx.resolve(out), text);
      }
      if (emissionsCsv != null) {
        write(ctx.resolve(emissionsCsv), reports.render(r, ReportFormat.CODECARBON));
      }
      PrintWriter say = out == null ? spec.commandLine().getErr() : stdout;
      if (r.noRuns()) {
        say.println("no runs ended " + r.period() + " in " + store.shownDb());
      } else {
        say.printf(
            "%d runs, %s CO2e, %s avoided (%s)%n",
            r.totals().runs(),
            Units.mass(r.totals().kgCo2e()),
            Units.mass(r.totals().avoidedKgCo2e()),
            Units.percent(r.totals().avoidedPct()));
      }
      if (out != null) {
        say.println("report: " + ctx.resolve(out));
      }
      say.flush();
      stdout.flush();
    }
    return Main.OK;
  }

  private static void write(Path file, String text) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
