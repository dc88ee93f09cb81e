package dev.carbonshift.train;

import com.sun.management.OperatingSystemMXBean;
import dev.carbonshift.energy.ModelledMeter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;

/**
 * The CPU-time meters of training: a stated power per busy core × CPU seconds ({@link
 * ModelledMeter#perBusyCore}). Unlike watts × wall time they do not count time spent waiting for a
 * shared machine's cores, so comparisons between runs hold up while others use the machine. They
 * read either the whole process (JIT compiler and garbage collector included, in the kernel's 10 ms
 * ticks) or only the thread that trains (nanosecond thread CPU time): the second is what
 * comparisons of training runs should use.
 */
final class CpuTimeMeter {
  /** The whole process's CPU time advances in scheduler ticks. */
  static final long PROCESS_RESOLUTION_NANOS = 10_000_000L;

  /** Thread CPU time is read in nanoseconds; a microsecond is the finest step worth trusting. */
  static final long THREAD_RESOLUTION_NANOS = 1_000L;

  private CpuTimeMeter() {}

  /** Reads this JVM's CPU time, every thread included (ND4J's native threads too). */
  static ModelledMeter ofThisProcess(Clock clock, double wattsPerCore) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return ModelledMeter.perBusyCore(
        clock,
        wattsPerCore,
        () -> os::getProcessCpuTime,
        PROCESS_RESOLUTION_NANOS,
        "process CPU time");
  }

  /**
   * Reads the CPU time of the thread that starts each session, in nanoseconds ({@link
   * ThreadMXBean#getThreadCpuTime}), and nothing else: not the JIT compiler, the garbage collector
   * or other work in the JVM. ND4J's native worker threads are not Java threads and are not seen,
   * so callers that meter this way run ND4J on the calling thread ({@link
   * #confineNd4jToCallingThread}).
   */
  static ModelledMeter ofTrainingThread(Clock clock, double wattsPerCore) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (!threads.isCurrentThreadCpuTimeSupported()) {
      throw new IllegalStateException("this JVM cannot read a thread's CPU time");
    }
    threads.setThreadCpuTimeEnabled(true);
    return ModelledMeter.perBusyCore(
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
}
