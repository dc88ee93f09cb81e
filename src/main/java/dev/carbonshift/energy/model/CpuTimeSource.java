package dev.carbonshift.energy.model;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Cumulative CPU time of whatever is being measured: this JVM, a child process tree, the machine.
 */
public interface CpuTimeSource {

  /** CPU seconds used so far; never decreases. */
  double cpuSeconds();

  /** Whose CPU time this is and how it is read, for reports. */
  String description();

  /**
   * The CPU seconds that belong to work done before the measurement started, subtracted from every
   * later reading. A child process measured from its birth has none.
   */
  default double secondsBeforeStart() {
    return cpuSeconds();
  }

  /** This JVM, all its threads (training in-process). */
  static CpuTimeSource self() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun
        && sun.getProcessCpuTime() >= 0) {
      return new CpuTimeSource() {
        @Override
        public double cpuSeconds() {
          return sun.getProcessCpuTime() / 1e9;
        }

        @Override
        public String description() {
          return "CPU time of this JVM, all threads";
        }
      };
    }
    return processTree(ProcessHandle.current().pid());
  }

  /** A process and all its descendants, e.g. the command run by {@code carbonshift measure}. */
  static CpuTimeSource processTree(long pid) {
    return new ProcessTreeCpuTime(
        new ProcessTree(() -> pid, ProcFs.system()),
        ReapedChildren.system(),
        reapedChildrenSeconds());
  }

  /**
   * A child process tree, with this JVM's {@link #reapedChildrenSeconds()} read before the child
   * was started, so that even a child that exits before the meter opens is counted. {@code pid} may
   * give 0 until the child is started, so the meter can be opened first.
   */
  static CpuTimeSource processTree(LongSupplier pid, double reapedBeforeStart) {
    return new ProcessTreeScope(pid, reapedBeforeStart).cpu();
  }

  /** CPU seconds of this JVM's children that have exited and been waited for. */
  static double reapedChildrenSeconds() {
    return ReapedChildren.system().getAsDouble();
  }

  /** Every process on the machine, from {@code /proc/stat}. */
  static CpuTimeSource machine() {
    return new MachineCpuTime(ProcFs.system());
  }
}
