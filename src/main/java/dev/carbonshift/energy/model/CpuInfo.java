package dev.carbonshift.energy.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * What {@code /proc/cpuinfo} says about the CPU.
 *
 * @param modelName the first {@code model name}, or {@code unknown}
 * @param logicalCpus hardware threads this OS sees
 * @param packages physical sockets (distinct {@code physical id}), at least 1
 * @param coresPerPackage {@code cpu cores}; inside a VM these are virtual
 * @param virtualised whether the {@code hypervisor} flag is set
 */
public record CpuInfo(
    String modelName, int logicalCpus, int packages, int coresPerPackage, boolean virtualised) {

  /** Reads {@code cpuinfo}; off Linux, only the JVM's processor count is known. */
  public static CpuInfo read(Path cpuinfo) {
    try {
      return parse(Files.readString(cpuinfo));
    } catch (IOException e) {
      int n = Runtime.getRuntime().availableProcessors();
      return new CpuInfo("unknown", n, 1, n, false);
    }
  }

  public static CpuInfo parse(String text) {
    String model = null;
    int logical = 0;
    int cores = 0;
    boolean hypervisor = false;
    Set<String> physicalIds = new HashSet<>();
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      switch (key) {
        case "processor" -> logical++;
        case "model name", "Model" -> model = model == null ? value : model;
        case "physical id" -> physicalIds.add(value);
        case "cpu cores" -> cores = parseInt(value);
        case "flags" -> hypervisor |= (" " + value + " ").contains(" hypervisor ");
        default -> {}
      }
    }
    logical = Math.max(1, logical);
    return new CpuInfo(
        model == null ? "unknown" : model,
        logical,
        Math.max(1, physicalIds.size()),
        cores > 0 ? cores : logical,
        hypervisor);
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
