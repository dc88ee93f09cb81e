package dev.carbonshift.train;

import com.sun.management.OperatingSystemMXBean;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.energy.EnergyReading;
import dev.carbonshift.energy.Method;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A modelled meter that charges a stated power per busy core: energy = watts × CPU seconds. Unlike
 * watts × wall time it does not count time spent waiting for a shared machine's cores, so
 * comparisons between runs hold up while others use the machine. It reads either the whole process
 * (JIT compiler and garbage collector included, in the kernel's 10 ms ticks) or only the thread
 * that trains (nanosecond thread CPU time): the second is what comparisons of training runs should
 * use.
 */
final class CpuTimeMeter implements EnergyMeter {
  /** The whole process's CPU time advances in scheduler ticks. */
  static final long PROCESS_RESOLUTION_NANOS = 10_000_000L;

  /** Thread CPU time is read in nanoseconds; a microsecond is the finest step worth trusting. */
  static final long THREAD_RESOLUTION_NANOS = 1_000L;

  private final Clock clock;
  private final double wattsPerCore;
  private final Supplier<LongSupplier> cpuNanos;
  private final long resolutionNanos;
  private final String scope;

  /**
   * @param cpuNanos called when a session starts, on the starting thread: the CPU-time counter that
   *     session reads
   */
  CpuTimeMeter(
      Clock clock,
      double wattsPerCore,
      Supplier<LongSupplier> cpuNanos,
      long resolutionNanos,
      String scope) {
    this.clock = clock;
    this.wattsPerCore = wattsPerCore;
    this.cpuNanos = cpuNanos;
    this.resolutionNanos = resolutionNanos;
    this.scope = scope;
  }

  CpuTimeMeter(Clock clock, double wattsPerCore, LongSupplier cpuNanos) {
    this(clock, wattsPerCore, () -> cpuNanos, PROCESS_RESOLUTION_NANOS, "process CPU time");
  }

  /** Reads this JVM's CPU time, every thread included (ND4J's native threads too). */
  static CpuTimeMeter ofThisProcess(Clock clock, double wattsPerCore) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new CpuTimeMeter(clock, wattsPerCore, os::getProcessCpuTime);
  }

  /**
   * Reads the CPU time of the thread that starts each session, in nanoseconds ({@link
   * ThreadMXBean#getThreadCpuTime}), and nothing else: not the JIT compiler, the garbage collector
   * or other work in the JVM. ND4J's native worker threads are not Java threads and are not seen,
   * so callers that meter this way run ND4J on the calling thread ({@link
   * #confineNd4jToCallingThread}).
   */
  static CpuTimeMeter ofTrainingThread(Clock clock, double wattsPerCore) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot read a thread's CPU time");
    }
    threads.setThreadCpuTimeEnabled(true);
    return new CpuTimeMeter(
        clock,
        wattsPerCore,
        () -> {
          long id = Thread.currentThread().getId();
          return () -> threads.getThreadCpuTime(id);
        },
        THREAD_RESOLUTION_NANOS,
        "CPU time of the training thread");
  }

  /** Makes ND4J compute on the calling thread, so that the thread's CPU time is all of it. */
  static void confineNd4jToCallingThread() {
    org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(1);
    org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(1);
  }

  /** The smallest energy this meter tells apart from zero; below it a figure is noise. */
  double resolutionJoules() {
    return wattsPerCore * resolutionNanos / 1e9;
  }

  /** What it reads, for the method line of a report. */
  String method() {
    return wattsPerCore + " W per busy core × " + scope;
  }

  @Override
  public String name() {
    return "cpu-time-" + wattsPerCore + "W/core";
  }

  @Override
  public Session start() {
    Instant started = clock.instant();
    LongSupplier counter = cpuNanos.get();
    long cpuStart = counter.getAsLong();
    return new Session() {
      private EnergyReading last;

      @Override
      public EnergyReading read() {
        if (last != null) {
          return last;
        }
        double joules = wattsPerCore * (counter.getAsLong() - cpuStart) / 1e9;
        return new EnergyReading(
            Duration.between(started, clock.instant()),
            List.of(
                new ComponentEnergy(
                    Component.CPU, Math.max(0, joules), Method.MODELLED, "assumed " + method())));
      }

      @Override
      public EnergyReading stop() {
        if (last == null) {
          last = read();
        }
        return last;
      }
    };
  }
}
