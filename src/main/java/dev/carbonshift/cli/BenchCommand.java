package dev.carbonshift.cli;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.sim.Benchmarks;
import dev.carbonshift.sim.PlanSpeed;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: the planner's quality against the oracle, its speed, and heap use. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure the planner: quality vs the oracle, plan and replay speed, peak heap.")
public final class BenchCommand implements Callable<Integer> {
  /** The PAI arrival trace in the shared data folder next to the installation. */
  static final String DEFAULT_ARRIVALS = "../shared/data/workloads/pai-100k.csv";

  private final Context ctx;

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
      description = "Which parts to run: quality, plan, simulate.")
  List<String> parts;

  @Option(
      names = "--policies",
      split = ",",
      defaultValue = "run-now,carbon-aware",
      description = "Policies timed in the replay.")
  List<String> policies;

  BenchCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    try {
      Path tracesDir = traces == null ? ctx.defaultDir("data/traces") : ctx.resolve(traces);
      Path arrivalsFile =
          arrivals == null
              ? ctx.home().resolve(DEFAULT_ARRIVALS).normalize()
              : ctx.resolve(arrivals);
      Benchmarks b = new Benchmarks(tracesDir, System.out);
      if (parts.contains("quality")) {
        b.quality(List.of("perfect", "noisy:0.1"));
      }
      if (parts.contains("plan")) {
        PlanSpeed.run(System.out);
      }
      if (parts.contains("simulate")) {
        b.simulateSpeed(arrivalsFile, policies);
      }
      return 0;
    } catch (InvalidInputException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    } catch (Exception e) {
      System.err.println("bench failed: " + e);
      return 1;
    }
  }
}
