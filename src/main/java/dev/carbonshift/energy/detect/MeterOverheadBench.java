package dev.carbonshift.energy.detect;

import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.SampledSession;
import dev.carbonshift.energy.SamplerStats;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prints what the energy sampler costs on this machine, as a percentage of one core: the meter that
 * {@code carbonshift measure} builds (RAPL, NVML and the models, whichever exist here), attributing
 * a child process tree.
 *
 * <pre>
 * java -cp 'target/carbonshift.jar:target/lib/*' dev.carbonshift.energy.detect.MeterOverheadBench [SECONDS] [INTERVAL_MS]
 * </pre>
 *
 * It runs a real session of SECONDS (default 30) at INTERVAL_MS (default 1000) on the background
 * thread, with a child {@code sleep} as the measured process tree, and reports the CPU time the
 * polls took (each poll measures its own thread's CPU time): over the whole run, and after the
 * first seconds of class loading and JIT.
 */
public final class MeterOverheadBench {
  private MeterOverheadBench() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Duration interval = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 1000);
    run(seconds, interval, System.out);
  }

  /** Returns the measured run's cost in percent of one core. */
  public static double run(int seconds, Duration interval, PrintStream out)
      throws IOException, InterruptedException {
    Process child = new ProcessBuilder("sleep", Integer.toString(seconds + 60)).start();
    try {
      MeterOptions base = MeterOptions.defaults(Scope.ProcessTree.of(child.pid()), Map.of());
      SampledSession session =
          Meters.detect(base.withInterval(interval), Meters.tables(base)).start();
      out.println("sensors: " + describe(session));
      long warmUp = Math.min(5, seconds / 3);
      TimeUnit.SECONDS.sleep(warmUp);
      SamplerStats warm = session.stats();
      TimeUnit.SECONDS.sleep(seconds - warmUp);
      session.stop();
      SamplerStats all = session.stats();
      double steadyCpu = all.samplerCpu().toNanos() - warm.samplerCpu().toNanos();
      double steadyWall = all.wall().toNanos() - warm.wall().toNanos();
      long steadyPolls = all.ticks() - warm.ticks();
      out.printf(
          Locale.ROOT,
          "whole run: %d s at %d ms, %d polls, %.2f ms sampler CPU = %.4f%% of one core"
              + " (cold JVM included)%n",
          seconds,
          interval.toMillis(),
          all.ticks(),
          all.samplerCpu().toNanos() / 1e6,
          all.percentOfOneCore());
      double steady = 100 * steadyCpu / steadyWall;
      out.printf(
          Locale.ROOT,
          "after the first %d s: %d polls, %.3f ms CPU per poll = %.4f%% of one core%n",
          warmUp,
          steadyPolls,
          steadyPolls == 0 ? 0 : steadyCpu / 1e6 / steadyPolls,
          steady);
      return all.percentOfOneCore();
    } finally {
      child.destroy();
    }
  }

  private static String describe(SampledSession s) {
    StringBuilder b = new StringBuilder();
    for (ComponentEnergy e : s.read().components()) {
      b.append(b.length() == 0 ? "" : ", ")
          .append(e.component())
          .append(' ')
          .append(e.method().label());
    }
    s.notes().stream()
        .filter(n -> n.contains("unavailable"))
        .forEach(n -> b.append("; ").append(n, 0, Math.min(n.length(), 80)));
    return b.toString();
  }
}
