package dev.carbonshift.cli;

import dev.carbonshift.account.RunAccount;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.SampledSession;
import dev.carbonshift.energy.SamplerStats;
import dev.carbonshift.energy.detect.Scope;
import dev.carbonshift.energy.model.CpuInfo;
import dev.carbonshift.energy.model.MemorySource;
import dev.carbonshift.region.Region;
import dev.carbonshift.report.AccountText;
import dev.carbonshift.report.CodeCarbonCsv;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code measure} prints, and its CodeCarbon row. */
final class MeasureReport {
  private static final Pattern CLOUD = Pattern.compile("\\((aws|gcp|azure) ([^)]+)\\)");
  private static final Pattern GPU_NAME = Pattern.compile("^GPU \\d+ (.+?) \\(");

  private MeasureReport() {}

  static void print(
      PrintWriter out,
      List<String> command,
      String exit,
      double commandSeconds,
      long pid,
      RunAccount a,
      Scope scope,
      SampledSession session,
      Optional<Region> region,
      boolean overhead) {
    SamplerStats stats = session.stats();
    out.println("── carbonshift measure " + "─".repeat(40));
    out.println("command        " + String.join(" ", command));
    out.println("exit code      " + exit);
    out.printf(
        Locale.ROOT,
        "duration       %.2f s%s, metered %.2f s, sampled every %s (%d polls)%n",
        Double.isNaN(commandSeconds) ? a.duration().toNanos() / 1e9 : commandSeconds,
        Double.isNaN(commandSeconds) ? " until interrupted" : "",
        a.duration().toNanos() / 1e9,
        human(a.samplingInterval()),
        stats.ticks());
    out.println(
        "attribution    "
            + (scope instanceof Scope.Machine
                ? "whole machine: the model counts all CPU time (/proc/stat) and memory in use"
                : "the command's process tree (pid "
                    + pid
                    + " and descendants): the model counts"
                    + " their CPU time (/proc/<pid>/stat, getrusage once reaped) and resident memory")
            + "; RAPL and NVML measure whole devices");
    AccountText.lines(a).forEach(out::println);
    if (region.isEmpty()) {
      out.println(
          "emissions      pass --region ID to charge the energy to a region (see: carbonshift regions)");
    }
    out.println("how it was measured");
    for (ComponentEnergy l : a.lines()) {
      for (String d : l.detail().split("\n")) {
        out.println("  " + l.component() + " " + l.method().label() + ": " + d);
      }
    }
    if (!a.notes().isEmpty()) {
      out.println("notes");
      a.notes().forEach(n -> out.println("  " + n));
    }
    if (overhead) {
      out.printf(
          Locale.ROOT,
          "sampling cost  %d polls, %.2f ms CPU in all, %.3f ms per poll: %.4f%% of one core over"
              + " the run%n",
          stats.ticks(),
          stats.samplerCpu().toNanos() / 1e6,
          stats.cpuPerTick().toNanos() / 1e6,
          stats.percentOfOneCore());
    }
  }

  static Map<String, String> csvRow(
      RunAccount a, Scope scope, String project, Optional<Region> region) {
    CpuInfo cpu = CpuInfo.read(Path.of("/proc/cpuinfo"));
    List<String> gpus =
        a.lines().stream()
            .filter(l -> l.component() == Component.GPU)
            .flatMap(l -> l.detail().lines())
            .map(GPU_NAME::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .toList();
    String provider = "";
    String cloudRegion = region.map(Region::id).orElse("");
    Matcher m = region.map(r -> CLOUD.matcher(r.name())).orElse(null);
    if (m != null && m.find()) {
      provider = m.group(1);
      cloudRegion = m.group(2);
    }
    var meta =
        new CodeCarbonCsv.Meta(
            project,
            UUID.randomUUID().toString(),
            "",
            System.getProperty("os.name")
                + "-"
                + System.getProperty("os.version")
                + "-"
                + System.getProperty("os.arch"),
            cpu.modelName(),
            cpu.logicalCpus(),
            String.join(", ", gpus.stream().distinct().toList()),
            gpus.size(),
            MemorySource.machineTotalGigabytes(),
            scope.label(),
            provider,
            cloudRegion);
    return CodeCarbonCsv.row(a, meta);
  }

  private static String human(java.time.Duration d) {
    if (d.isZero()) {
      return "- (not sampled)";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
