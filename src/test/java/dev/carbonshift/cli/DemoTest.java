package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The demo as users run it: the daemon in-process on a fast clock, real trainings at their placed
 * times, the three files, and what a second run does with the first one's folder, finished or
 * killed. The small job set here is two tiny trainings on a real GB slice; the full demo (the jobs
 * of jobs/demo) runs in the slow test.
 */
class DemoTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The demo's own start: GB's grid is cleanest in two troughs, so the sliced job pauses. */
  private static final String START = DemoCommand.DEFAULT_START;

  @TempDir Path work;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    started.forEach(Process::destroyForcibly);
  }

  record Run(int exit, String out, String err) {}

  /** The demo in this JVM, on the wall clock (its own clock runs from it, faster). */
  private Run demo(String... args) {
    CommandLine cli =
        Main.commandLine(
            new Context(Clock.systemUTC(), Map.of("CARBONSHIFT_PORT", "0"), work, PROJECT));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path smallJobs() throws IOException {
    Path jobs = work.resolve("jobs");
    Files.createDirectories(jobs);
    Files.copy(PROJECT.resolve("test-fixtures/train/gb-2019-12.csv"), jobs.resolve("gb.csv"));
    String common =
        """
        team: test
        kind: train
        dataset: {path: gb.csv, timeColumn: Time, label: Carbon Intensity, window: 4, horizon: 1}
        network: {type: mlp, layers: [8], activation: relu, updater: adam, learningRate: 0.01,
                  epochs: 4, earlyStoppingPatience: 4, batchSize: 64, seed: 1}
        """;
    Files.writeString(
        jobs.resolve("a-scratch.yaml"),
        "name: small-scratch\n"
            + common
            + "estimate: {duration: 1h, powerWatts: 100}\ndeadline: 12h\nregions: [gb, no]\nhome: gb\n");
    Files.writeString(
        jobs.resolve("b-sliced.yaml"),
        "name: small-sliced\n"
            + common
            + "estimate: {duration: 6h, powerWatts: 300}\ndeadline: 24h\nregions: [gb, de]\n"
            + "home: gb\ninterruptible: true\nminSlice: 45m\n");
    return jobs;
  }

  private String[] small(Path out, Path jobs, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "demo",
                "--out",
                out.toString(),
                "--jobs",
                jobs.toString(),
                "--start",
                START,
                "--speed",
                "1200"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  @Tag("slow")
  void the_demo_plans_trains_pauses_and_resumes_on_its_fast_clock_and_writes_three_files()
      throws IOException {
    Path out = work.resolve("out");
    Path jobs = smallJobs();

    Run first = demo(small(out, jobs));

    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    for (String f : List.of("report.html", "emissions.csv", "summary.json")) {
      assertThat(out.resolve(f)).isNotEmptyFile();
    }
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertSummaryHolds(s, 2);
    JsonNode sliced = job(s, "small-sliced");
    assertThat(sliced.path("slices").asInt()).as(first.out()).isGreaterThanOrEqualTo(2);
    assertThat(sliced.path("resumed").asBoolean()).isTrue();
    assertThat(first.out())
        .contains("paused     small-sliced")
        .contains("resumed    small-sliced")
        .contains("why: lowest expected emissions");
    // the emissions file is CodeCarbon's: its header, one row per run
    List<String> csv = Files.readAllLines(out.resolve("emissions.csv"));
    assertThat(csv.get(0)).startsWith("timestamp,project_name,run_id");
    assertThat(csv).hasSize(1 + s.path("runs").size());

    // run again on the same folder: the finished demo is replaced, and says so
    Run second = demo(small(out, jobs));

    assertThat(second.exit()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("starting afresh");
    assertSummaryHolds(JSON.readTree(out.resolve("summary.json").toFile()), 2);
  }

  @Test
  @Tag("slow")
  void a_demo_killed_while_training_is_resumed_by_the_next_run_from_its_checkpoint()
      throws Exception {
    Path out = work.resolve("out");
    Path jobs = smallJobs();
    Path log = work.resolve("killed.log");
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                cp,
                "dev.carbonshift.cli.Main"));
    cmd.addAll(List.of(small(out, jobs)));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(PROJECT.toFile());
    pb.environment().put("CARBONSHIFT_PORT", "0");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    started.add(p);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Files.readString(log).contains("started    small-sliced") || !p.isAlive());
    assertThat(p.isAlive()).as(Files.readString(log)).isTrue();
    p.destroyForcibly().waitFor();

    Run next = demo(small(out, jobs));

    assertThat(next.exit()).as(next.out() + next.err()).isZero();
    assertThat(next.out()).contains("resuming the demo interrupted at");
    assertThat(next.out()).containsPattern("interrupted small-sliced +found dead: its process");
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertSummaryHolds(s, 2);
    assertThat(job(s, "small-sliced").path("runs").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(job(s, "small-sliced").path("resumed").asBoolean()).isTrue();
    // nothing is left running: the killed run was closed, and a third run starts afresh
    assertThat(demo("status", "--db", out.resolve("carbonshift").toString()).out())
        .doesNotContain("RUNNING");
  }

  @Test
  void the_demo_refuses_a_folder_another_demo_is_using() throws IOException {
    Path out = work.resolve("busy");
    Files.createDirectories(out);
    String me =
        dev.carbonshift.daemon.Carbonshift.open(
                dev.carbonshift.daemon.DaemonConfig.defaults(
                    Map.of(), new dev.carbonshift.daemon.DaemonConfig.Places(work, PROJECT)),
                Clock.systemUTC())
            .owner();
    Files.writeString(
        out.resolve(DemoFolder.MARK), "owner=" + me + "\nstate=running\nclock=" + START + "\n");

    Run r = demo("demo", "--out", out.toString());

    assertThat(r.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).contains("--out").contains("in use by another demo");
  }

  /** The full demo, as the README's first command runs it: jobs/demo at its default clock. */
  @Test
  @Tag("slow")
  void the_full_demo_succeeds_every_job_with_no_deadline_miss_and_shifts_in_space_and_time()
      throws IOException {
    Path out = work.resolve("out");

    Run r = demo("demo", "--out", out.toString());

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
    assertSummaryHolds(s, 5);
    assertThat(job(s, "ci-lstm-gb").path("slices").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(job(s, "ci-forecaster-es-nightly").path("modelVersion").asText())
        .isEqualTo("ci-forecaster-es:2");
    assertThat(job(s, "weather-newyork").path("strategy").asText()).isEqualTo("transfer");
    assertThat(s.path("energySavedKwh").has("incremental")).isTrue();
    assertThat(r.out()).contains("avoided").contains("kgCO2e").contains("kWh");
    assertThat(Files.readString(out.resolve("report.html"))).contains("<svg", "ci-lstm-gb");
  }

  private static JsonNode job(JsonNode summary, String name) {
    for (JsonNode j : summary.path("jobs")) {
      if (j.path("name").asText().equals(name)) {
        return j;
      }
    }
    throw new AssertionError("no job " + name + " in " + summary);
  }

  /**
   * What every demo's summary must say: the named totals, each the sum of the runs; nothing avoided
   * below zero; every job succeeded in time; and not every run in one region.
   */
  private static void assertSummaryHolds(JsonNode s, int jobs) {
    for (String f :
        List.of(
            "totalKwh",
            "totalKgCo2e",
            "baselineKgCo2e",
            "avoidedKgCo2e",
            "jobs",
            "deadlineMisses",
            "runs")) {
      assertThat(s.has(f)).as(f + " in " + s).isTrue();
    }
    assertThat(s.path("jobs")).hasSize(jobs);
    assertThat(s.path("deadlineMisses").asInt()).as(s.toPrettyString()).isZero();
    double kwh = 0;
    double kg = 0;
    double base = 0;
    Set<String> regions = new HashSet<>();
    for (JsonNode r : s.path("runs")) {
      kwh += r.path("kwh").asDouble();
      kg += r.path("kgCo2e").asDouble();
      base += r.path("baselineKgCo2e").asDouble();
      regions.add(r.path("region").asText());
    }
    assertThat(s.path("totalKwh").asDouble()).isPositive().isCloseTo(kwh, within(kwh));
    assertThat(s.path("totalKgCo2e").asDouble()).isPositive().isCloseTo(kg, within(kg));
    assertThat(s.path("baselineKgCo2e").asDouble()).isCloseTo(base, within(base));
    assertThat(s.path("avoidedKgCo2e").asDouble()).isGreaterThanOrEqualTo(0);
    assertThat(regions).as("regions of the runs").hasSizeGreaterThan(1);
    for (JsonNode j : s.path("jobs")) {
      assertThat(j.path("state").asText()).as(j.toString()).isEqualTo("SUCCEEDED");
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double v) {
    return org.assertj.core.data.Offset.offset(Math.abs(v) * 1e-9 + 1e-15);
  }
}
