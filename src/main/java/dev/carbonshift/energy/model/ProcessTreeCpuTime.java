package dev.carbonshift.energy.model;

import java.util.function.DoubleSupplier;

/**
 * CPU time of a process and its descendants. While they live it is the sum of their {@code
 * /proc/<pid>/stat} times (each including the children it has reaped); once the root exits, this
 * JVM reaps it and its time moves to this JVM's reaped-children total, which is added here. The sum
 * is therefore continuous across exits; it never decreases.
 */
final class ProcessTreeCpuTime implements CpuTimeSource {
  private final ProcessTree tree;
  private final DoubleSupplier reaped;
  private final double reapedAtStart;
  private double last;

  ProcessTreeCpuTime(ProcessTree tree, DoubleSupplier reaped, double reapedAtStart) {
    this.tree = tree;
    this.reaped = reaped;
    this.reapedAtStart = reapedAtStart;
  }

  @Override
  public synchronized double cpuSeconds() {
    ProcessTree.Snapshot now = tree.fresh();
    // While the root lives, its exited descendants are in its own stat; asking the kernel for
    // this JVM's reaped children is needed only once the root itself has been waited for.
    double reapedSince = now.rootAlive() ? 0 : reaped.getAsDouble() - reapedAtStart;
    double total = now.cpuSeconds() + Math.max(0, reapedSince);
    last = Math.max(last, total);
    return last;
  }

  /** All of the tree's CPU time is the measured work's: the tree is measured from its birth. */
  @Override
  public double secondsBeforeStart() {
    return 0;
  }

  @Override
  public String description() {
    return "CPU time of process "
        + tree.pid()
        + " and its descendants (/proc/<pid>/stat while they run, getrusage of reaped children"
        + " after)";
  }
}
