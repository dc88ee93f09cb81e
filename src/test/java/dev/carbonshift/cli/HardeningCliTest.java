package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Bad settings and odd surroundings, as a careless user gives them: exit 2 and a clear line. */
class HardeningCliTest {
  static final Path PROJECT = Path.of("").toAbsolutePath();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path work;

  record Run(int exit, String out, String err) {}

  static Run run(Path workDir, Map<String, String> env, String... args) {
    return run(CLOCK, workDir, env, args);
  }

  /** As {@link #run(Path, Map, String...)}, on {@code clock}. */
  static Run run(Clock clock, Path workDir, Map<String, String> env, String... args) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("CARBONSHIFT_PORT", "0");
    CommandLine cli = Main.commandLine(new Context(clock, all, workDir, PROJECT));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
    "CARBONSHIFT_ELECTRICITYMAPS_TIMEOUT, abc",
    "CARBONSHIFT_UKGRID_TIMEOUT, abc",
    "CARBONSHIFT_CASDK_DEADLINE, soon",
    "CARBONSHIFT_WATTTIME_CONNECT_TIMEOUT, -5s",
    "CARBONSHIFT_UKGRID_ATTEMPTS, many",
    "CARBONSHIFT_UKGRID_URL, abc",
    "CARBONSHIFT_TRACE_REPLAY, sometimes",
  })
  void a_bad_source_setting_is_bad_input_naming_the_variable(String variable, String value) {
    Run r =
        run(
            work,
            Map.of(variable, value),
            "plan",
            PROJECT.resolve("jobs/forecaster-es-train.yaml").toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).startsWith("error: ").contains(variable).doesNotContain("internal error");
    assertThat(r.err().lines()).hasSize(1);
  }

  @ParameterizedTest(name = "--out {0}")
  @ValueSource(strings = {".carbonshift", "."})
  void the_demo_refuses_a_folder_holding_a_store_it_did_not_create_and_leaves_it_whole(String out)
      throws IOException {
    Run submit =
        run(work, Map.of(), "submit", PROJECT.resolve("jobs/forecaster-es-train.yaml").toString());
    assertThat(submit.exit()).as(submit.err()).isZero();
    Path store = work.resolve(".carbonshift/carbonshift.mv.db");
    byte[] before = Files.readAllBytes(store);
    if (out.equals(".")) {
      Files.move(store, work.resolve("carbonshift.mv.db"));
      store = work.resolve("carbonshift.mv.db");
    }

    Run demo = run(work, Map.of(), "demo", "--out", out);

    assertThat(demo.exit()).as(demo.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(demo.err())
        .contains("--out")
        .contains("did not create")
        .contains("carbonshift.mv.db");
    assertThat(Files.readAllBytes(store)).isEqualTo(before);
    assertThat(demo.out()).doesNotContain("submitted");
  }

  /** A descriptor whose dataset and network parts are the given ones, line numbers fixed. */
  private Path descriptor(String path, String label, int window, String from, String net)
      throws IOException {
    Files.copy(
        PROJECT.resolve("test-fixtures/train/gb-2019-12.csv"),
        work.resolve("gb.csv"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path f = work.resolve("job.yaml");
    Files.writeString(
        f,
        String.join(
            "\n",
            "name: t",
            "kind: train",
            "dataset:",
            "  path: " + path,
            "  timeColumn: Time",
            "  label: " + label,
            "  window: " + window,
            "  from: '" + from + "'",
            "network: " + net,
            "regions: [gb]",
            "home: gb",
            ""));
    return f;
  }

  static final String NET = "{type: mlp, layers: [8], learningRate: 0.01, epochs: 1}";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "escape by ..; ../../../../../../../../etc/passwd; Carbon Intensity; 4; 2019-12-01; "
            + NET
            + "; 4; dataset.path; outside the dataset roots",
        "absolute; /etc/passwd; Carbon Intensity; 4; 2019-12-01; "
            + NET
            + "; 4; dataset.path; outside the dataset roots",
        "link out; link.csv; Carbon Intensity; 4; 2019-12-01; "
            + NET
            + "; 4; dataset.path; outside the dataset roots",
        "missing; nothere.csv; Carbon Intensity; 4; 2019-12-01; "
            + NET
            + "; 4; dataset.path; no such file",
        "no label column; gb.csv; Intensity; 4; 2019-12-01; "
            + NET
            + "; 6; dataset.label; no column 'Intensity'",
        "empty range; gb.csv; Carbon Intensity; 4; 2031-01-01; "
            + NET
            + "; 8; dataset.from; no rows left",
        "window beyond the data; gb.csv; Carbon Intensity; 100000; 2019-12-01; "
            + NET
            + "; 7; dataset.window; samples",
        "huge layer; gb.csv; Carbon Intensity; 4; 2019-12-01; "
            + "{layers: [1000000]}; 9; network.layers; 4096",
        "absurd rate; gb.csv; Carbon Intensity; 4; 2019-12-01; "
            + "{learningRate: 50}; 9; network.learningRate; at most 1.0",
      })
  void submit_refuses_what_train_would_fail_on_naming_file_line_and_field(
      String name,
      String path,
      String label,
      int window,
      String from,
      String net,
      int line,
      String field,
      String what)
      throws IOException {
    Path job = descriptor(path, label, window, from, net);
    Files.createSymbolicLink(work.resolve("link.csv"), Path.of("/etc/passwd"));

    Run r = run(work, Map.of(), "submit", "job.yaml");

    assertThat(r.exit()).as(r.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("job.yaml:" + line + ": " + field + ": ").contains(what);
    // never the dataset's contents: not /etc/passwd's first line, not the CSV header
    assertThat(r.err()).doesNotContain("root:").doesNotContain("Time,");
    assertThat(run(work, Map.of(), "status").out().trim()).isEqualTo("no jobs");
    assertThat(job).exists();
  }

  @org.junit.jupiter.api.Test
  void submit_accepts_a_dataset_beside_the_descriptor() throws IOException {
    descriptor("gb.csv", "Carbon Intensity", 4, "2019-12-01", NET);

    Run r = run(work, Map.of(), "submit", "job.yaml");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("QUEUED");
  }

  @org.junit.jupiter.api.Test
  void an_unusable_working_folder_says_to_use_db() throws IOException {
    // a plain file where the folder should be: no store can be created under it, even by root
    Path notAFolder = Files.writeString(work.resolve("not-a-folder"), "x");

    Run r = run(notAFolder, Map.of(), "status");

    assertThat(r.exit()).as(r.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("--db").contains("cannot create the store's folder");
    assertThat(r.err()).doesNotContain("internal error");
  }

  @org.junit.jupiter.api.Test
  void status_shows_a_running_job_of_a_killed_process_as_stale_and_train_would_resume_it()
      throws IOException {
    // what a demo or train killed with kill -9 leaves: a RUNNING job, its run owned by a process
    // of this host that no longer exists, and no daemon to sweep it
    String gone =
        dev.carbonshift.daemon.Carbonshift.open(
                    dev.carbonshift.daemon.DaemonConfig.defaults(
                        Map.of(), new dev.carbonshift.daemon.DaemonConfig.Places(work, PROJECT)),
                    CLOCK)
                .owner()
                .split(":")[0]
            + ":2147483000:1700000000000";
    Path file = descriptor("gb.csv", "Carbon Intensity", 4, "2019-12-01", NET);
    String id;
    try (dev.carbonshift.store.Database db =
        dev.carbonshift.store.Database.file(work.resolve(".carbonshift/carbonshift"))) {
      var jobs = new dev.carbonshift.store.JobRepository(db, CLOCK);
      var catalog = dev.carbonshift.region.RegionCatalog.load(PROJECT.resolve("regions"));
      id =
          new dev.carbonshift.daemon.JobIntake(catalog, jobs, CLOCK)
              .submit(List.of(file))
              .get(0)
              .id();
      jobs.transition(id, dev.carbonshift.job.JobState.PLANNED, "test");
      jobs.transition(id, dev.carbonshift.job.JobState.RUNNING, "test");
      new dev.carbonshift.store.RunRepository(db).start(id, "gb", CLOCK.instant(), gone, 0);
    }

    Run all = run(work, Map.of(), "status");
    Run one = run(work, Map.of(), "status", id);

    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(all.out()).contains("RUNNING (stale)").contains(id + " is stale: its process");
    assertThat(one.out()).contains("stale:").contains("is gone");
    // status only shows: the job is left for train or a daemon to resume
    assertThat(run(work, Map.of(), "status").out()).contains("RUNNING (stale)");
  }
}
