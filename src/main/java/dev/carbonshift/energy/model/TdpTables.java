package dev.carbonshift.energy.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CPU and GPU thermal design power, from the bundled tables: CodeCarbon's {@code cpu_power.csv}
 * (model → TDP) and Green Algorithms' {@code TDP_cpu.csv} / {@code TDP_gpu.csv} (model → TDP,
 * cores, TDP per core, and an {@code Any} row used for unknown parts).
 */
public final class TdpTables {
  /** Green Algorithms' per-core figure for an unknown CPU, used if its table is missing. */
  public static final double UNKNOWN_CPU_WATTS_PER_CORE = 12.0;

  /** Green Algorithms' figure for an unknown GPU, used if its table is missing. */
  public static final double UNKNOWN_GPU_WATTS = 200.0;

  /** A matched table row. {@code cores} is 0 when the table does not give it. */
  public record Entry(String model, double tdpWatts, int cores, String table) {}

  private final List<Entry> cpus;
  private final List<Entry> gpus;
  private final double anyCpuWattsPerCore;
  private final double anyGpuWatts;
  private final String source;

  private TdpTables(
      List<Entry> cpus, List<Entry> gpus, double anyCpuPerCore, double anyGpu, String source) {
    this.cpus = cpus;
    this.gpus = gpus;
    this.anyCpuWattsPerCore = anyCpuPerCore;
    this.anyGpuWatts = anyGpu;
    this.source = source;
  }

  /** No tables: every part is unknown and gets the Green Algorithms defaults. */
  public static TdpTables empty() {
    return new TdpTables(
        List.of(), List.of(), UNKNOWN_CPU_WATTS_PER_CORE, UNKNOWN_GPU_WATTS, "built-in defaults");
  }

  /** Reads whichever of the three tables exist in {@code dir}. */
  public static TdpTables load(Path dir) throws IOException {
    List<Entry> cpus = new ArrayList<>();
    List<Entry> gpus = new ArrayList<>();
    double[] anyCpu = {UNKNOWN_CPU_WATTS_PER_CORE};
    double[] anyGpu = {UNKNOWN_GPU_WATTS};
    for (List<String> r : rows(dir.resolve("TDP_cpu.csv"), "model")) {
      if (r.get(0).equalsIgnoreCase("any")) {
        anyCpu[0] = number(r, 3, UNKNOWN_CPU_WATTS_PER_CORE);
      } else if (number(r, 1, 0) > 0) {
        cpus.add(new Entry(r.get(0), number(r, 1, 0), (int) number(r, 2, 0), "TDP_cpu.csv"));
      }
    }
    for (List<String> r : rows(dir.resolve("cpu_power.csv"), "name")) {
      if (number(r, 1, 0) > 0) {
        cpus.add(new Entry(r.get(0), number(r, 1, 0), 0, "cpu_power.csv"));
      }
    }
    for (List<String> r : rows(dir.resolve("TDP_gpu.csv"), "model")) {
      if (r.get(0).equalsIgnoreCase("any")) {
        anyGpu[0] = number(r, 3, UNKNOWN_GPU_WATTS);
      } else if (number(r, 1, 0) > 0) {
        gpus.add(new Entry(r.get(0), number(r, 1, 0), 0, "TDP_gpu.csv"));
      }
    }
    return new TdpTables(cpus, gpus, anyCpu[0], anyGpu[0], dir.toString());
  }

  /** Rows after the header line whose first cell is {@code header} (case-insensitive). */
  private static List<List<String>> rows(Path file, String header) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<List<String>> out = new ArrayList<>();
    boolean body = false;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      List<String> cells = ModelNames.csv(line);
      if (body && !cells.get(0).isBlank()) {
        out.add(cells);
      } else if (cells.get(0).equalsIgnoreCase(header)) {
        body = true;
      }
    }
    return out;
  }

  private static double number(List<String> row, int i, double fallback) {
    try {
      return i < row.size() && !row.get(i).isBlank() ? Double.parseDouble(row.get(i)) : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /**
   * The CPU entry for {@code modelName}: rows that give a core count first (they allow a per-core
   * figure), then the most specific name.
   */
  public Optional<Entry> cpu(String modelName) {
    return best(cpus, ModelNames.cpuTokens(modelName), false);
  }

  public Optional<Entry> gpu(String modelName) {
    return best(gpus, ModelNames.gpuTokens(modelName), true);
  }

  private static Optional<Entry> best(List<Entry> entries, Set<String> actual, boolean gpu) {
    return entries.stream()
        .filter(
            e ->
                ModelNames.matches(
                    gpu ? ModelNames.gpuTokens(e.model()) : ModelNames.cpuTokens(e.model()),
                    actual))
        .max(
            Comparator.<Entry>comparingInt(e -> e.cores() > 0 ? 1 : 0)
                .thenComparingInt(
                    e ->
                        (gpu ? ModelNames.gpuTokens(e.model()) : ModelNames.cpuTokens(e.model()))
                            .size()));
  }

  public double unknownCpuWattsPerCore() {
    return anyCpuWattsPerCore;
  }

  public double unknownGpuWatts() {
    return anyGpuWatts;
  }

  /** Where the tables came from, for assumptions. */
  public String source() {
    return source;
  }
}
