package dev.carbonshift.energy.model;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalDouble;

/** Reads the few {@code /proc} files the model needs; the root is a parameter for tests. */
final class ProcFs {
  /** USER_HZ, the unit of CPU times in {@code /proc}: 100 on every mainstream Linux. */
  static final double DEFAULT_TICKS_PER_SECOND = 100;

  final Path root;
  final double ticksPerSecond;
  final long pageBytes;

  ProcFs(Path root, double ticksPerSecond) {
    this(root, ticksPerSecond, 4096);
  }

  ProcFs(Path root, double ticksPerSecond, long pageBytes) {
    this.root = root;
    this.ticksPerSecond = ticksPerSecond;
    this.pageBytes = pageBytes;
  }

  private static ProcFs system;

  static synchronized ProcFs system() {
    if (system == null) {
      var libc = Libc.load();
      double hz =
          libc.map(c -> c.sysconf(Libc.SC_CLK_TCK))
              .filter(v -> v > 0)
              .map(Long::doubleValue)
              .orElse(DEFAULT_TICKS_PER_SECOND);
      long page = libc.map(c -> c.sysconf(Libc.SC_PAGESIZE)).filter(v -> v > 0).orElse(4096L);
      system = new ProcFs(Path.of("/proc"), hz, page);
    }
    return system;
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

  /**
   * The fields after the command name, which may itself hold spaces and parentheses. Split by hand:
   * a regex split compiles a pattern on every call, and this runs for every process at every poll.
   */
  static String[] afterComm(String stat) {
    return fields(stat, stat.lastIndexOf(')') + 1, 64);
  }

  /** Whitespace-separated fields of {@code s} from {@code from}, at most {@code max}. */
  static String[] fields(String s, int from, int max) {
    String[] out = new String[max];
    int n = 0;
    int i = from;
    int len = s.length();
    while (i < len && n < max) {
      while (i < len && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < len && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out[n++] = s.substring(start, i);
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * Busy CPU seconds of the whole machine since boot: every {@code cpu} column but idle and iowait.
   */
  OptionalDouble machineBusySeconds() {
    String text = read(root.resolve("stat"));
    if (text == null || !text.startsWith("cpu ")) {
      return OptionalDouble.empty();
    }
    String[] f = fields(text, 0, 11);
    long busy = 0;
    // user nice system idle iowait irq softirq steal (guest is already counted in user)
    for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(f[i]);
      }
    }
    return OptionalDouble.of(busy / ticksPerSecond);
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

  /**
   * The file's text (its first 16 KB: enough for every file read here), or null if it is gone (a
   * process that exited) or unreadable. A plain stream into a reused buffer: NIO's readString costs
   * several times more per {@code /proc} file, and the sampler reads many.
   */
  static String read(Path file) {
    byte[] buf = BUFFER.get();
    try (FileInputStream in = new FileInputStream(file.toFile())) {
      int n = 0;
      int r;
      while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) {
        n += r;
      }
      return new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[16384]);

  /** CPU seconds (with reaped children) and resident bytes of one process, from one stat read. */
  record ProcessStat(double cpuSeconds, long residentBytes) {}

  java.util.Optional<ProcessStat> stat(String pid) {
    String text = read(root.resolve(pid).resolve("stat"));
    if (text == null) {
      return java.util.Optional.empty();
    }
    String[] f = afterComm(text);
    if (f.length < 22) {
      return java.util.Optional.empty();
    }
    double ticks =
        Long.parseLong(f[11])
            + Long.parseLong(f[12])
            + Long.parseLong(f[13])
            + Long.parseLong(f[14]);
    // field 24, rss, in pages
    return java.util.Optional.of(
        new ProcessStat(ticks / ticksPerSecond, Long.parseLong(f[21]) * pageBytes));
  }
}
