package dev.carbonshift.energy.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the bundled {@code data/hardware} folder: {@code -Dcarbonshift.data=DIR}, then {@code
 * ./data}, then {@code data} next to the folder holding the jar (the {@code target/carbonshift.jar}
 * layout). A configured folder ({@code hardwareDir}, {@code CARBONSHIFT_HARDWARE_DIR}) comes from
 * the composition root instead.
 */
public final class HardwareData {
  private HardwareData() {}

  public static Optional<Path> locate() {
    return candidates().stream()
        .map(d -> d.resolve("hardware"))
        .filter(d -> Files.isRegularFile(d.resolve("TDP_cpu.csv")))
        .findFirst();
  }

  /** The folders {@link #locate()} looks in, for a message when none holds the tables. */
  public static List<Path> candidates() {
    List<Path> out = new ArrayList<>();
    String prop = System.getProperty("carbonshift.data");
    if (prop != null && !prop.isBlank()) {
      out.add(Path.of(prop));
    }
    out.add(Path.of("data").toAbsolutePath());
    try {
      Path code =
          Path.of(HardwareData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (code.getParent() != null && code.getParent().getParent() != null) {
        out.add(code.getParent().getParent().resolve("data"));
      }
    } catch (Exception e) { // no code source (jlink, odd class loaders): skip this candidate
      // nothing to add
    }
    return out;
  }

  /** The tables from {@link #locate()}, or the built-in defaults when there are none. */
  public static TdpTables tables() {
    return locate()
        .map(
            dir -> {
              try {
                return TdpTables.load(dir);
              } catch (java.io.IOException e) {
                return TdpTables.empty();
              }
            })
        .orElseGet(TdpTables::empty);
  }
}
