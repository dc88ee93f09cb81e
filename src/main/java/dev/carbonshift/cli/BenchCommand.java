package dev.carbonshift.cli;

import dev.carbonshift.daemon.ApiThroughputBench;
import dev.carbonshift.daemon.ChaosBench;
import dev.carbonshift.sim.Benchmarks;
import dev.carbonshift.sim.PlanSpeed;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: the planner's quality against the oracle, its speed, and heap use; on request, the
 * daemon's crash recovery under kill -9.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure the planner: quality vs the oracle, plan and replay speed, peak heap; with --part"
            + " chaos, the daemon's recovery from kill -9 (takes minutes); with --part api, POST /jobs"
            + " throughput against a real daemon; with --part report, a report of 100,000 runs.")
public final class BenchCommand implements Callable<Integer> {
  /** The PAI arrival trace in the shared data folder next to the installation. */
  static final String DEFAULT_ARRIVALS = "../shared/data/workloads/pai-100k.csv";

  private final Context ctx;

  @Spec CommandSpec spec;

  @Option(names = "--traces", description = "Trace folder (default: the bundled data/traces).")
  String traces;

  @Option(
      names = "--arrivals",
      description =
          "Arrival trace for the replay timing (default: "
              + DEFAULT_ARRIVALS
              + ", beside the"
              + " Carbonshift folder).")
  String arrivals;

  @Option(
      names = "--part",
      split = ",",
      defaultValue = "quality,plan,simulate",
      description =
          "Which parts to run: quality, plan, simulate (the year-long replay of the arrival"
              + " trace where capacity binds hard), chaos, api, report.")
  List<String> parts;

  @Option(
      names = "--kills",
      defaultValue = "20",
      description = "chaos: kill -9s of the daemon that hit a running training (default: 20).")
  int kills;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description =
          "chaos: seed of the moments of the kills; quality: the series of scenarios (default: 1).")
  long seed;

  @Option(
      names = "--scenarios",
      defaultValue = "20",
      description = "quality: random binding scenarios drawn from the traces (default: 20).")
  int scenarios;

  @Option(
      names = "--oracle-seconds",
      defaultValue = "30",
      description = "quality: SCIP's time limit on each scenario's offline program (default: 30).")
  int oracleSeconds;

  @Option(
      names = "--non-binding",
      defaultValue = "5",
      description = "quality: random scenarios where capacity does not bind (default: 5).")
  int nonBinding;

  @Option(
      names = "--jobs",
      defaultValue = "8",
      description =
          "chaos: trainings submitted at least; more follow while kills remain (default: 8).")
  int jobs;

  @Option(
      names = "--seconds",
      defaultValue = "30",
      description = "api: how long the clients post (default: 30).")
  int seconds;

  @Option(
      names = "--clients",
      defaultValue = "8",
      description = "api: concurrent HTTP clients (default: 8).")
  int clients;

  @Option(
      names = "--runs",
      defaultValue = "100000",
      description = "report: runs written to the temporary store (default: 100000).")
  int runs;

  @Option(
      names = "--policies",
      split = ",",
      defaultValue = "carbon-aware,window-argmin,lowest-slots,run-now",
      description =
          "simulate: policies timed in the year-long replay (default:"
              + " carbon-aware,window-argmin,lowest-slots,run-now).")
  List<String> policies;

  @Option(
      names = "--capacities",
      split = ",",
      defaultValue = "8,20,20,20",
      description =
          "simulate: jobs at once in the replay's regions no, es, us-cal-ciso, es-b (default:"
              + " 8,20,20,20).")
  List<Integer> capacities;

  BenchCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    return Failures.reported(
        "bench",
        spec,
        (out, err) -> {
          Path tracesDir = traces == null ? ctx.defaultDir("data/traces") : ctx.resolve(traces);
          Path arrivalsFile =
              arrivals == null
                  ? ctx.home().resolve(DEFAULT_ARRIVALS).normalize()
                  : ctx.resolve(arrivals);
          Benchmarks b = new Benchmarks(tracesDir, out);
          if (parts.contains("quality")) {
            b.quality(scenarios, nonBinding, seed, java.time.Duration.ofSeconds(oracleSeconds));
          }
          if (parts.contains("plan")) {
            PlanSpeed.run(out);
          }
          if (parts.contains("simulate")) {
            b.simulateSpeed(arrivalsFile, policies, capacities);
          }
          if (parts.contains("chaos")) {
            ChaosBench.run(
                    new ChaosBench.Options(
                        kills,
                        seed,
                        jobs,
                        ctx.home(),
                        System.getProperty("java.class.path"),
                        Path.of(System.getProperty("java.io.tmpdir"))),
                    out)
                .print(out);
          }
          if (parts.contains("api")) {
            out.println(
                ApiThroughputBench.run(
                    ctx.home(),
                    ctx.home().resolve("jobs/weather-seattle-train.yaml").toAbsolutePath(),
                    java.time.Duration.ofSeconds(seconds),
                    clients));
          }
          if (parts.contains("report")) {
            ReportBenchPart.run(ctx, runs, out);
          }
          return 0;
        });
  }
}
