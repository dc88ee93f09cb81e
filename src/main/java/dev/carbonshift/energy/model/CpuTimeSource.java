package dev.carbonshift.energy.model;

import java.lang.management.ManagementFactory;

/**
 * Cumulative CPU time of whatever is being measured: this JVM ({@link #self}), a child process tree
 * ({@link ProcessTreeScope#cpu}, the one way to build it), the machine ({@link #machine}).
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
    return ProcessTreeScope.of(ProcessHandle.current().pid()).cpu();
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
