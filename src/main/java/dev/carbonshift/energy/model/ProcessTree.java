package dev.carbonshift.energy.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * A process and its descendants, read through {@code /proc}: their CPU time and resident memory
 * from one {@code stat} read each. Finding the descendants scans every process on the machine, so
 * it is done only every {@value #RESCAN_MILLIS} ms; that loses nothing, because a process's CPU
 * time is cumulative from its birth, and a child that exits between scans has its time added to its
 * parent's. The CPU and memory models share one instance and so one read per poll.
 */
final class ProcessTree {
  static final long RESCAN_MILLIS = 10_000;
  static final long SAME_POLL_NANOS = 50_000_000;

  private final LongSupplier root;
  private final ProcFs proc;
  private List<Long> members = List.of();
  private long scannedAt;
  private boolean scanned;
  private long readAt;
  private boolean read;
  private double cpuSeconds;
  private long residentBytes;
  private boolean rootAlive;

  ProcessTree(LongSupplier root, ProcFs proc) {
    this.root = root;
    this.proc = proc;
  }

  long pid() {
    return root.getAsLong();
  }

  /**
   * One read of the tree.
   *
   * @param cpuSeconds sum of the members' CPU seconds, each including the children it has reaped
   * @param rootAlive whether the root could still be read (running, or exited but not yet waited
   *     for); once it cannot, its CPU time has moved to this JVM's reaped children
   */
  record Snapshot(double cpuSeconds, long residentBytes, boolean rootAlive) {}

  /** Reads the tree now: the CPU model needs CPU time and liveness from the same read. */
  synchronized Snapshot fresh() {
    refresh(true);
    return new Snapshot(cpuSeconds, residentBytes, rootAlive);
  }

  /**
   * The memory model's read: reuses a read from the same poll (within {@value #SAME_POLL_NANOS}
   * ns), which is what the CPU model has just done.
   */
  synchronized long residentBytes() {
    refresh(false);
    return residentBytes;
  }

  private void refresh(boolean force) {
    long now = System.nanoTime();
    if (!force && read && now - readAt < SAME_POLL_NANOS) {
      return;
    }
    long pid = root.getAsLong();
    if (pid <= 0) { // the child is not started yet
      return;
    }
    if (!scanned || now - scannedAt >= RESCAN_MILLIS * 1_000_000) {
      members = scan(pid);
      scannedAt = now;
      scanned = true;
    }
    double cpu = 0;
    long rss = 0;
    boolean rootSeen = false;
    List<Long> alive = new ArrayList<>(members.size());
    for (long p : members) {
      var stat = proc.stat(Long.toString(p));
      if (stat.isPresent()) {
        rootSeen |= p == pid;
        alive.add(p);
        cpu += stat.get().cpuSeconds();
        rss += stat.get().residentBytes();
      }
    }
    members = alive;
    rootAlive = rootSeen;
    cpuSeconds = cpu;
    residentBytes = rss;
    readAt = now;
    read = true;
  }

  private static List<Long> scan(long pid) {
    return ProcessHandle.of(pid)
        .map(h -> Stream.concat(Stream.of(h), h.descendants()).map(ProcessHandle::pid).toList())
        .orElse(List.of());
  }
}
