package dev.carbonshift.energy.model;

import java.lang.management.ManagementFactory;

/**
 * Cumulative CPU time of whatever is being measured: this JVM, a child process tree, the machine.
 */
public interface CpuTimeSource {

  /** CPU seconds used so far; never decreases. */
  double cpuSeconds();

  /** Whose CPU time this is and how it is read, for reports. */
  String description();

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
    return new ProcessTreeCpuTime(pid, ProcFs.system(), ReapedChildren.system());
  }

  /** Every process on the machine, from {@code /proc/stat}. */
  static CpuTimeSource machine() {
    return new MachineCpuTime(ProcFs.system());
  }
}
