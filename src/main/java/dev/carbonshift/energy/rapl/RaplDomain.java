package dev.carbonshift.energy.rapl;

import dev.carbonshift.energy.SensorException;
import dev.carbonshift.energy.SensorException.Kind;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One RAPL domain under {@code /sys/class/powercap}: a package, or its DRAM. */
record RaplDomain(Path dir, String name, long maxRangeMicrojoules) {

  private static final Pattern DOMAIN_DIR = Pattern.compile("intel-rapl:(\\d+)(:\\d+)?");

  String key() {
    var m = DOMAIN_DIR.matcher(dir.getFileName().toString());
    String pkg = m.matches() ? m.group(1) : "?";
    return "rapl:" + (name.matches(".*\\d.*") ? name : name + "-" + pkg);
  }

  Path energyFile() {
    return dir.resolve("energy_uj");
  }

  /** The domains under {@code root} whose {@code name} passes {@code wanted}, in order. */
  static List<RaplDomain> find(Path root, PowercapReader reader, Predicate<String> wanted) {
    if (!Files.isDirectory(root)) {
      throw new SensorException(
          Kind.UNAVAILABLE,
          "no powercap interface at " + root + " (not Linux, or a VM or container without RAPL)");
    }
    List<Path> dirs;
    try (Stream<Path> s = Files.list(root)) {
      dirs =
          s.filter(p -> DOMAIN_DIR.matcher(p.getFileName().toString()).matches())
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      throw new SensorException(Kind.UNAVAILABLE, "cannot list " + root + ": " + e, e);
    }
    List<RaplDomain> out = new ArrayList<>();
    for (Path dir : dirs) {
      String name = read(reader, dir.resolve("name")).strip();
      if (wanted.test(name)) {
        long max = readLong(reader, dir.resolve("max_energy_range_uj"));
        if (max <= 0) {
          throw new SensorException(
              Kind.UNAVAILABLE, dir + "/max_energy_range_uj is " + max + ": cannot unwrap");
        }
        out.add(new RaplDomain(dir, name, max));
      }
    }
    return out;
  }

  static long readLong(PowercapReader reader, Path file) {
    String text = read(reader, file).strip();
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new SensorException(Kind.READ_FAILED, file + " does not hold a number: " + text, e);
    }
  }

  static String read(PowercapReader reader, Path file) {
    try {
      return reader.read(file);
    } catch (AccessDeniedException e) {
      throw new SensorException(
          Kind.PERMISSION_DENIED,
          "permission denied reading "
              + file
              + " (RAPL energy is root-only since Linux 5.10, CVE-2020-8694; run as root or grant"
              + " read access, e.g. a udev rule or chmod o+r on energy_uj)",
          e);
    } catch (IOException e) {
      throw new SensorException(Kind.READ_FAILED, "cannot read " + file + ": " + e, e);
    }
  }
}
