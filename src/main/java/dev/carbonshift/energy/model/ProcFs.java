package dev.carbonshift.energy.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** Reads the few {@code /proc} files the model needs; the root is a parameter for tests. */
final class ProcFs {
  /** USER_HZ, the unit of CPU times in {@code /proc}: 100 on every mainstream Linux. */
  static final double DEFAULT_TICKS_PER_SECOND = 100;

  final Path root;
  final double ticksPerSecond;

  ProcFs(Path root, double ticksPerSecond) {
    this.root = root;
    this.ticksPerSecond = ticksPerSecond;
  }

  static ProcFs system() {
    double hz =
        Libc.load()
            .map(c -> c.sysconf(Libc.SC_CLK_TCK))
            .filter(v -> v > 0)
            .map(Long::doubleValue)
            .orElse(DEFAULT_TICKS_PER_SECOND);
    return new ProcFs(Path.of("/proc"), hz);
  }

  /**
   * CPU seconds of one process from {@code /proc/<pid>/stat}: user + system of all its threads,
   * plus, if asked, those of its children it has already waited for.
   */
  OptionalDouble processSeconds(String pid, boolean withReapedChildren) {
    String text = read(root.resolve(pid).resolve("stat"));
    if (text == null) {
      return OptionalDouble.empty();
    }
    String[] f = afterComm(text);
    if (f.length < 15) {
      return OptionalDouble.empty();
    }
    // f[0] is field 3 (state); utime is field 14, stime 15, cutime 16, cstime 17.
    double ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (withReapedChildren) {
      ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return OptionalDouble.of(ticks / ticksPerSecond);
  }

  /** The fields after the command name, which may itself hold spaces and parentheses. */
  static String[] afterComm(String stat) {
    int close = stat.lastIndexOf(')');
    return stat.substring(close + 2).trim().split("\\s+");
  }

  /**
   * Busy CPU seconds of the whole machine since boot: every {@code cpu} column but idle and iowait.
   */
  OptionalDouble machineBusySeconds() {
    String text = read(root.resolve("stat"));
    if (text == null || !text.startsWith("cpu ")) {
      return OptionalDouble.empty();
    }
    String[] f = text.substring(0, text.indexOf('\n')).trim().split("\\s+");
    long busy = 0;
    // user nice system idle iowait irq softirq steal (guest is already counted in user)
    for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(f[i]);
      }
    }
    return OptionalDouble.of(busy / ticksPerSecond);
  }

  /** Resident set size of one process in GB, from {@code VmRSS} of its {@code status}. */
  OptionalDouble rssGigabytes(String pid) {
    return kilobytes(root.resolve(pid).resolve("status"), "VmRSS:").stream()
        .map(kb -> kb / 1024.0 / 1024.0)
        .findFirst();
  }

  /** Memory in use on the machine, {@code MemTotal - MemAvailable}, in GB. */
  OptionalDouble machineUsedGigabytes() {
    Path meminfo = root.resolve("meminfo");
    OptionalDouble total = kilobytes(meminfo, "MemTotal:");
    OptionalDouble available = kilobytes(meminfo, "MemAvailable:");
    if (total.isEmpty() || available.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((total.getAsDouble() - available.getAsDouble()) / 1024.0 / 1024.0);
  }

  OptionalDouble machineTotalGigabytes() {
    OptionalDouble kb = kilobytes(root.resolve("meminfo"), "MemTotal:");
    return kb.isPresent() ? OptionalDouble.of(kb.getAsDouble() / 1024.0 / 1024.0) : kb;
  }

  private static OptionalDouble kilobytes(Path file, String key) {
    String text = read(file);
    if (text == null) {
      return OptionalDouble.empty();
    }
    for (String line : text.split("\n")) {
      if (line.startsWith(key)) {
        String[] parts = line.substring(key.length()).trim().split("\\s+");
        return OptionalDouble.of(Double.parseDouble(parts[0]));
      }
    }
    return OptionalDouble.empty();
  }

  /** The file's text, or null if it is gone (a process that exited) or unreadable. */
  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | SecurityException e) {
      return null;
    }
  }
}
