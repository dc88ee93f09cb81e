package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.report.Dimension;
import dev.carbonshift.report.Embodied;
import dev.carbonshift.report.ReportBench;
import dev.carbonshift.report.ReportFormat;
import dev.carbonshift.report.ReportQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code bench --part report}: many runs in a temporary file store, the report of all of them timed
 * in this JVM per format, then the {@code report} verb run in a fresh JVM capped at 512 MiB of
 * heap, which fails if the report needs more.
 */
final class ReportBenchPart {
  static final String HEAP_CAP = "-Xmx512m";

  private ReportBenchPart() {}

  static void run(Context ctx, int runs, PrintWriter out) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("carbonshift-report-bench");
    try {
      StoreOptions o = new StoreOptions();
      o.db = dir.resolve("store").toString();
      ReportQuery q =
          new ReportQuery(
              LocalDate.parse("2025-01-01"),
              LocalDate.parse("2025-12-31"),
              List.of(Dimension.TEAM, Dimension.MONTH),
              ReportFormat.CSV,
              Embodied.DEFAULT,
              null);
      try (Carbonshift cs = o.open(ctx)) {
        long t0 = System.nanoTime();
        ReportBench.fill(cs.database(), cs.catalog(), runs, 1);
        out.printf(
            Locale.ROOT,
            "report bench: %,d runs written in %.1f s (seed 1); period 2025, by team,month%n",
            runs,
            (System.nanoTime() - t0) / 1e9);
        for (ReportBench.Timing t : ReportBench.time(cs.reports(), q, 3)) {
          out.println(t.line());
        }
      }
      for (String format : List.of("html", "json")) {
        Path file = dir.resolve("report." + format);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        long t0 = System.nanoTime();
        Process p =
            new ProcessBuilder(
                    java.toString(),
                    HEAP_CAP,
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "report",
                    "--db",
                    o.db,
                    "--from",
                    "2025-01-01",
                    "--to",
                    "2025-12-31",
                    "--by",
                    "team,month",
                    "--format",
                    format,
                    "--out",
                    file.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child-" + format + ".log").toFile())
                .start();
        boolean done = p.waitFor(10, TimeUnit.MINUTES);
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf(
            Locale.ROOT,
            "report %-10s in a fresh JVM with %s: exit %s in %.2f s wall (JVM start and store"
                + " open included), %.1f MB%n",
            format,
            HEAP_CAP,
            done ? Integer.toString(p.exitValue()) : "timeout",
            s,
            Files.exists(file) ? Files.size(file) / 1e6 : 0);
        if (!done || p.exitValue() != 0) {
          p.destroyForcibly();
          out.println(Files.readString(dir.resolve("child-" + format + ".log")));
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
