package dev.carbonshift.energy.model;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

/**
 * CPU time of a process and its descendants. While they live it is the sum of their {@code
 * /proc/<pid>/stat} times (each including the children it has reaped); once the root exits, this
 * JVM reaps it and its time moves to this JVM's reaped-children total, which is added here. The sum
 * is therefore continuous across exits; it never decreases.
 */
final class ProcessTreeCpuTime implements CpuTimeSource {
  private final long pid;
  private final ProcFs proc;
  private final DoubleSupplier reaped;
  private final double reapedAtStart;
  private double last;

  ProcessTreeCpuTime(long pid, ProcFs proc, DoubleSupplier reaped) {
    this.pid = pid;
    this.proc = proc;
    this.reaped = reaped;
    this.reapedAtStart = reaped.getAsDouble();
  }

  @Override
  public synchronized double cpuSeconds() {
    double live = 0;
    for (long p : tree()) {
      live += proc.processSeconds(Long.toString(p), true).orElse(0);
    }
    double total = live + (reaped.getAsDouble() - reapedAtStart);
    last = Math.max(last, total);
    return last;
  }

  private List<Long> tree() {
    return ProcessHandle.of(pid)
        .map(h -> Stream.concat(Stream.of(h), h.descendants()).map(ProcessHandle::pid).toList())
        .orElse(List.of());
  }

  @Override
  public String description() {
    return "CPU time of process "
        + pid
        + " and its descendants (/proc/<pid>/stat while they run, getrusage of reaped children"
        + " after)";
  }
}
