package dev.carbonshift.energy.model;

import java.util.function.DoubleSupplier;

/**
 * CPU seconds of this JVM's children that have exited and been waited for (the JDK waits for every
 * child it starts). {@code getrusage(RUSAGE_CHILDREN)} gives microseconds; {@code /proc/self/stat}
 * only clock ticks, so it is the fallback.
 */
final class ReapedChildren {
  private ReapedChildren() {}

  private static DoubleSupplier system;

  static synchronized DoubleSupplier system() {
    if (system == null) {
      system = create();
    }
    return system;
  }

  private static DoubleSupplier create() {
    var libc = Libc.load();
    if (libc.isPresent()) {
      Libc c = libc.get();
      long[] usage = new long[18];
      if (c.getrusage(Libc.RUSAGE_CHILDREN, usage) == 0) {
        return () -> {
          long[] u = new long[18];
          c.getrusage(Libc.RUSAGE_CHILDREN, u);
          return u[0] + u[1] / 1e6 + u[2] + u[3] / 1e6;
        };
      }
    }
    ProcFs proc = ProcFs.system();
    return () -> {
      double withChildren = proc.processSeconds("self", true).orElse(0);
      double own = proc.processSeconds("self", false).orElse(0);
      return withChildren - own;
    };
  }
}
