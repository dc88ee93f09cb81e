package dev.carbonshift.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON result of {@code simulate}, in the field order of the documented contract. */
public final class SimJson {
  private SimJson() {}

  public static Map<String, Object> toMap(SimResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", r.policy());
    m.put("forecast", r.forecast());
    m.put("jobs", r.jobs());
    m.put("deadlineMisses", r.deadlineMisses());
    m.put("totalKwh", round(r.totalKwh()));
    m.put("totalKgCo2e", round(r.totalKgCo2e()));
    m.put("baselineKgCo2e", round(r.baselineKgCo2e()));
    m.put("savingsPct", round(r.savingsPct()));
    m.put("displaced", r.displaced());
    if (r.lowerBoundKgCo2e() != null) {
      m.put("lowerBoundKgCo2e", round(r.lowerBoundKgCo2e()));
    }
    if (r.lpBoundKgCo2e() != null) {
      m.put("lpBoundKgCo2e", round(r.lpBoundKgCo2e()));
    }
    List<Map<String, Object>> ps = new ArrayList<>();
    for (SimPlacement p : r.placements()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("job", p.job());
      pm.put("region", p.region());
      pm.put("start", p.start().toString());
      pm.put("end", p.end().toString());
      pm.put("kwh", round(p.kwh()));
      pm.put("kgCo2e", round(p.kgCo2e()));
      pm.put("slices", p.slices());
      pm.put("reason", p.reason().text());
      pm.put("displaced", p.displaced());
      ps.add(pm);
    }
    m.put("placements", ps);
    m.put("notes", r.notes());
    return m;
  }

  public static void write(SimResult r, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), toMap(r));
  }

  /** One line for people. */
  public static String summary(SimResult r) {
    String bound =
        r.lowerBoundKgCo2e() == null
            ? ""
            : String.format(Locale.ROOT, ", lower bound %.1f kgCO2e", r.lowerBoundKgCo2e());
    return String.format(
        Locale.ROOT,
        "%s (%s): %d jobs, %d deadline misses, %.1f kWh, %.1f kgCO2e vs %.1f at once at home"
            + " (%.1f%% saved)%s",
        r.policy(),
        r.forecast(),
        r.jobs(),
        r.deadlineMisses(),
        r.totalKwh(),
        r.totalKgCo2e(),
        r.baselineKgCo2e(),
        r.savingsPct(),
        bound);
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
