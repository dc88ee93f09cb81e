package dev.carbonshift.report;

import dev.carbonshift.account.Emissions;
import dev.carbonshift.account.RunAccount;
import dev.carbonshift.energy.Component;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;

/**
 * A run as a row of CodeCarbon's {@code emissions.csv}: the same 38 column names and units
 * (duration s, emissions kg, energy kWh, power W), so dashboards built for CodeCarbon read
 * Carbonshift's runs. As in CodeCarbon, the energy columns include the PUE and the power columns do
 * not. Unknown values are left empty, a component that was not measured too (never a silent 0); the
 * timestamp is the end of the run in UTC.
 */
public final class CodeCarbonCsv {
  public static final List<String> HEADER =
      List.of(
          "timestamp",
          "project_name",
          "run_id",
          "experiment_id",
          "duration",
          "emissions",
          "emissions_rate",
          "cpu_power",
          "gpu_power",
          "ram_power",
          "cpu_energy",
          "gpu_energy",
          "ram_energy",
          "energy_consumed",
          "water_consumed",
          "country_name",
          "country_iso_code",
          "region",
          "cloud_provider",
          "cloud_region",
          "os",
          "python_version",
          "codecarbon_version",
          "cpu_count",
          "cpu_model",
          "gpu_count",
          "gpu_model",
          "longitude",
          "latitude",
          "ram_total_size",
          "tracking_mode",
          "cpu_utilization_percent",
          "gpu_utilization_percent",
          "ram_utilization_percent",
          "ram_used_gb",
          "on_cloud",
          "pue",
          "wue");

  /** Written in {@code codecarbon_version} so a reader can tell who produced the row. */
  public static final String PRODUCER = "carbonshift-0.1.0";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  /** What CodeCarbon records besides energy; {@code null} or NaN is written empty. */
  public record Meta(
      String projectName,
      String runId,
      String experimentId,
      String os,
      String cpuModel,
      int cpuCount,
      String gpuModel,
      int gpuCount,
      double ramTotalGb,
      String trackingMode,
      String cloudProvider,
      String cloudRegion) {}

  private CodeCarbonCsv() {}

  /**
   * What one row says of a run's energy and emissions.
   *
   * @param itKwh IT kWh per component; a component absent from the map was not measured, and its
   *     power and energy cells are left empty rather than written as 0
   * @param pue null when unknown (then energy is written as IT energy, with pue empty)
   * @param kgCo2e null when unknown
   * @param zone Electricity Maps zone, or null
   */
  public record Energy(
      java.time.Instant end,
      double seconds,
      Map<Component, Double> itKwh,
      Double pue,
      Double kgCo2e,
      String zone) {}

  public static Map<String, String> row(RunAccount a, Meta m) {
    Map<Component, Double> kwh = new java.util.EnumMap<>(Component.class);
    for (Component c : Component.values()) {
      if (a.lines().stream().anyMatch(l -> l.component() == c)) {
        kwh.put(c, a.itKwh(c));
      }
    }
    return row(
        new Energy(
            a.end(),
            a.duration().toNanos() / 1e9,
            kwh,
            a.emissions().map(Emissions::pue).orElse(null),
            a.emissions().map(Emissions::kgCo2e).orElse(null),
            a.emissions().map(Emissions::zone).orElse(null)),
        m);
  }

  public static Map<String, String> row(Energy a, Meta m) {
    double seconds = a.seconds();
    double pue = a.pue() == null ? 1.0 : a.pue();
    Map<String, String> r = new LinkedHashMap<>();
    HEADER.forEach(h -> r.put(h, ""));
    r.put("timestamp", TIMESTAMP.format(a.end()));
    r.put("project_name", m.projectName());
    r.put("run_id", m.runId());
    r.put("experiment_id", m.experimentId());
    r.put("duration", num(seconds));
    if (a.kgCo2e() != null) {
      r.put("emissions", num(a.kgCo2e()));
      r.put("emissions_rate", seconds > 0 ? num(a.kgCo2e() / seconds) : "0");
    }
    if (a.zone() != null && !a.zone().isBlank() && !a.zone().equals("-")) {
      r.put("region", a.zone());
      String iso2 = a.zone().length() >= 2 ? a.zone().substring(0, 2) : a.zone();
      r.put("country_iso_code", iso3(iso2));
      r.put("country_name", new Locale("", iso2).getDisplayCountry(Locale.ENGLISH));
    }
    double total = 0;
    for (Component c : Component.values()) {
      Double kwh = a.itKwh().get(c);
      if (kwh == null) {
        continue;
      }
      total += kwh;
      String p = c.name().toLowerCase(Locale.ROOT);
      r.put(p + "_power", seconds > 0 ? num(kwh * 3_600_000 / seconds) : "0");
      r.put(p + "_energy", num(kwh * pue));
    }
    r.put("energy_consumed", num(total * pue));
    r.put("water_consumed", "0");
    r.put("cloud_provider", m.cloudProvider());
    r.put("cloud_region", m.cloudRegion());
    r.put("os", m.os());
    r.put("codecarbon_version", PRODUCER);
    r.put("cpu_count", m.cpuCount() > 0 ? Integer.toString(m.cpuCount()) : "");
    r.put("cpu_model", m.cpuModel());
    r.put("gpu_count", Integer.toString(m.gpuCount()));
    r.put("gpu_model", m.gpuModel());
    r.put("ram_total_size", num(m.ramTotalGb()));
    r.put("tracking_mode", m.trackingMode());
    r.put("on_cloud", m.cloudProvider() == null || m.cloudProvider().isBlank() ? "N" : "Y");
    r.put("pue", a.pue() == null ? "" : num(pue));
    r.put("wue", "0");
    r.replaceAll((k, v) -> v == null ? "" : v);
    return r;
  }

  /** The header and rows as CSV text. */
  public static String text(List<Map<String, String>> rows) {
    StringBuilder b = new StringBuilder(String.join(",", HEADER)).append('\n');
    for (Map<String, String> row : rows) {
      List<String> cells = new ArrayList<>();
      for (String h : HEADER) {
        cells.add(escape(row.getOrDefault(h, "")));
      }
      b.append(String.join(",", cells)).append('\n');
    }
    return b.toString();
  }

  /**
   * Appends {@code row} to {@code file}, writing the header first if the file is new or empty. An
   * existing file's header may list the columns in any order (CodeCarbon compares them as a set);
   * the row follows it.
   *
   * @throws IOException when the existing header is not CodeCarbon's
   */
  public static void append(Path file, Map<String, String> row) throws IOException {
    List<String> header = HEADER;
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    if (!fresh) {
      String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
      header = List.of(first.strip().split(",", -1));
      if (!new HashSet<>(header).equals(new HashSet<>(HEADER))) {
        throw new IOException(
            file
                + " has a header that is not CodeCarbon's 38 emissions.csv columns; write to a"
                + " new file");
      }
    } else if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    List<String> cells = new ArrayList<>();
    for (String h : header) {
      cells.add(escape(row.getOrDefault(h, "")));
    }
    String text = (fresh ? String.join(",", HEADER) + "\n" : "") + String.join(",", cells) + "\n";
    Files.writeString(
        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  static String escape(String v) {
    if (v.contains(",") || v.contains("\"") || v.contains("\n")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }

  private static String iso3(String iso2) {
    try {
      return new Locale("", iso2).getISO3Country();
    } catch (MissingResourceException e) {
      return "";
    }
  }
}
