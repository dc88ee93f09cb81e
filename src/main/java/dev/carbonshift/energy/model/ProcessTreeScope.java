package dev.carbonshift.energy.model;

import java.util.function.LongSupplier;

/**
 * A child process tree whose CPU time and resident memory the models count, e.g. the command run by
 * {@code carbonshift measure}. Its CPU and memory sources share one set of {@code /proc} reads per
 * poll.
 */
public final class ProcessTreeScope {
  private final ProcessTree tree;
  private final double reapedBeforeStart;

  /**
   * @param pid the root's pid; may give 0 until the child is started, so the meter can open first
   * @param reapedBeforeStart {@link CpuTimeSource#reapedChildrenSeconds()} read before the child
   *     was started, so that a child that exits before the first poll is still counted
   */
  public ProcessTreeScope(LongSupplier pid, double reapedBeforeStart) {
    this.tree = new ProcessTree(pid, ProcFs.system());
    this.reapedBeforeStart = reapedBeforeStart;
  }

  /** A process that is already running. */
  public static ProcessTreeScope of(long pid) {
    return new ProcessTreeScope(() -> pid, CpuTimeSource.reapedChildrenSeconds());
  }

  public long pid() {
    return tree.pid();
  }

  public CpuTimeSource cpu() {
    return new ProcessTreeCpuTime(tree, ReapedChildren.system(), reapedBeforeStart);
  }

  public MemorySource memory() {
    return new MemorySource() {
      @Override
      public double gigabytes() {
        return tree.residentBytes() / 1024.0 / 1024.0 / 1024.0;
      }

      @Override
      public String description() {
        return "resident memory of process "
            + tree.pid()
            + " and its descendants (RSS summed; shared pages count once per process)";
      }
    };
  }
}
