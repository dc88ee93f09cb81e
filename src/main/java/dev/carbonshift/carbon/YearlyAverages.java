package dev.carbonshift.carbon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.zip.GZIPInputStream;

/**
 * Yearly average grid intensity per zone (Electricity Maps via CO2.js, ODbL), the last-resort
 * fallback when no forecast or trace covers a zone. A copy ships inside the jar, so the fallback
 * needs no network and no files next to the program.
 */
public final class YearlyAverages {
  /** Year of the bundled averages. */
  public static final int BUNDLED_YEAR = 2024;

  private static final String BUNDLED = "/carbonshift/electricitymaps-yearly-2024.json.gz";
  private static YearlyAverages bundled;

  private final Map<String, Double> gramsPerKwh;
  private final int year;

  private YearlyAverages(Map<String, Double> gramsPerKwh, int year) {
    this.gramsPerKwh = Map.copyOf(gramsPerKwh);
    this.year = year;
  }

  /** The averages bundled with Carbonshift. */
  public static synchronized YearlyAverages bundled() {
    if (bundled == null) {
      try (InputStream in = YearlyAverages.class.getResourceAsStream(BUNDLED)) {
        if (in == null) {
          throw new IllegalStateException(
              "bundled yearly averages missing from the jar: " + BUNDLED);
        }
        bundled = parse(new GZIPInputStream(in), BUNDLED_YEAR);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return bundled;
  }

  /** Reads a CO2.js-style file ({@code data.<ZONE>.carbonIntensity.value}), plain or gzipped. */
  public static YearlyAverages read(Path file, int year) throws IOException {
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      return parse(in, year);
    }
  }

  static YearlyAverages parse(InputStream in, int year) throws IOException {
    JsonNode data = new ObjectMapper().readTree(in).path("data");
    Map<String, Double> out = new HashMap<>();
    data.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue().path("carbonIntensity").path("value");
              if (v.isNumber() && v.asDouble() >= 0) {
                out.put(e.getKey(), v.asDouble());
              }
            });
    return new YearlyAverages(out, year);
  }

  public int year() {
    return year;
  }

  /** Yearly mean for a zone; for a sub-zone such as {@code SE-SE3}, falls back to {@code SE}. */
  public OptionalDouble gramsPerKwh(String zone) {
    Double v = gramsPerKwh.get(zone);
    if (v == null && zone.contains("-")) {
      v = gramsPerKwh.get(zone.substring(0, zone.indexOf('-')));
    }
    return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  public int size() {
    return gramsPerKwh.size();
  }
}
