package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** {@code report} as a user runs it: its files, its empty period, its exit 2 on bad input. */
class ReportCommandTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path work;

  record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    CommandLine cli =
        Main.commandLine(new Context(CLOCK, Map.of("CARBONSHIFT_PORT", "0"), work, PROJECT));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  private String db() {
    // a real, migrated, empty file store
    Path base = work.resolve("store");
    Database.file(base).close();
    return base.toString();
  }

  @Test
  void an_empty_period_writes_a_report_that_says_there_were_no_runs_and_exits_0() throws Exception {
    String db = db();
    for (String format : new String[] {"csv", "json", "html"}) {
      Run r =
          run(
              "report",
              "--db",
              db,
              "--from",
              "2026-01-01",
              "--to",
              "2026-03-31",
              "--by",
              "team,month",
              "--format",
              format,
              "--out",
              "r." + format,
              "--emissions-csv",
              "e.csv");
      assertThat(r.exit()).as(r.err()).isZero();
      assertThat(r.out()).contains("no runs ended 2026-01-01 to 2026-03-31");
      String text = Files.readString(work.resolve("r." + format));
      switch (format) {
        case "csv" ->
            assertThat(text).contains("# No runs ended in this period").contains("\ntotal,,,0,");
        case "json" -> assertThat(text).contains("\"noRuns\" : true");
        default ->
            assertThat(text).contains("No runs ended in this period.").doesNotContain("<svg");
      }
      assertThat(Files.readString(work.resolve("e.csv"))).startsWith("timestamp,project_name,");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--from|2026-13-01|--to|2026-03-31|--from: '2026-13-01' is not a date; give YYYY-MM-DD",
        "--from|2026-03-01|--to|yesterday|--to: 'yesterday' is not a date",
        "--from|2026-03-31|--to|2026-03-01|--to: 2026-03-01 is before from 2026-03-31",
        "--by|team,colour|--to|2026-03-31|--by: unknown grouping 'colour'; accepted: team, model, region, job, month",
        "--format|pdf|--to|2026-03-31|--format: unknown format 'pdf'; accepted: csv, json, html, codecarbon",
        "--embodied-gpu|-1|--to|2026-03-31|--embodied-gpu: '-1' is not a number of gCO2e"
      })
  void bad_input_exits_2_naming_the_option_and_the_accepted_values(
      String opt, String value, String opt2, String value2, String message) {
    String from = opt.equals("--from") ? value : "2026-01-01";
    String[] base = {"report", "--db", db(), "--from", from, opt2, value2};
    String[] args =
        opt.equals("--from")
            ? base
            : java.util.stream.Stream.concat(
                    java.util.Arrays.stream(base), java.util.stream.Stream.of(opt, value))
                .toArray(String[]::new);
    Run r = run(args);
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains(message);
    assertThat(work.resolve("r.csv")).doesNotExist();
  }

  @Test
  void a_missing_date_exits_2() {
    Run r = run("report", "--db", db(), "--to", "2026-03-31");
    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("--from: missing");
  }
}
