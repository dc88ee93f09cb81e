package dev.carbonshift.report;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signal kind (average or marginal) and factor basis (direct or lifecycle) of the sources named in
 * runs' accounts: as stored with the source's fetched points where the store has them, else the
 * source's default setting (stated as such).
 */
final class SourceKinds {
  private static final Pattern YEAR = Pattern.compile("(?<!\\d)(20\\d\\d)(?!\\d)");

  /** What one source's values mean, and how the report knows. */
  record Kinds(String signal, String factor, String known) {
    Kinds mixedWith(Kinds o) {
      return new Kinds(
          signal.equals(o.signal) ? signal : signal + "+" + o.signal,
          factor.equals(o.factor) ? factor : factor + "+" + o.factor,
          known);
    }

    boolean marginal() {
      return signal.contains("MARGINAL");
    }

    boolean average() {
      return signal.contains("AVERAGE");
    }
  }

  private final Map<String, Kinds> stored;

  SourceKinds(Map<String, Kinds> stored) {
    this.stored = Map.copyOf(stored);
  }

  Kinds of(String source) {
    Kinds k = stored.get(source);
    if (k != null) {
      return k;
    }
    String name = source.contains(":") ? source.substring(0, source.indexOf(':')) : source;
    String assumed = "assumed: the source's default setting";
    return switch (name) {
      case "yearly" -> new Kinds("AVERAGE", "LIFECYCLE", "the bundled table's basis");
      case "trace" -> new Kinds("AVERAGE", "LIFECYCLE", assumed + " (CARBONSHIFT_TRACE_FACTOR)");
      case "electricitymaps" ->
          new Kinds(
              "AVERAGE", "LIFECYCLE", assumed + " (CARBONSHIFT_ELECTRICITYMAPS_EMISSION_FACTOR)");
      case "ukgrid" -> new Kinds("AVERAGE", "DIRECT", "NESO publishes direct average intensity");
      case "watttime" -> new Kinds("MARGINAL", "DIRECT", "WattTime MOER is a marginal signal");
      case "casdk" -> new Kinds("MARGINAL", "DIRECT", assumed + " (CARBONSHIFT_CASDK_SIGNAL)");
      default -> new Kinds("UNKNOWN", "UNKNOWN", "not stored and not a known source");
    };
  }

  /** Who published the factors behind a source label, with their year where it says one. */
  static String factorSource(String source, String years) {
    String name = source.contains(":") ? source.substring(0, source.indexOf(':')) : source;
    String rest = source.contains(":") ? source.substring(source.indexOf(':') + 1) : "";
    Matcher m = YEAR.matcher(rest);
    String year = m.find() ? m.group(1) : null;
    return switch (name) {
      case "yearly" ->
          rest.equals("world")
              ? "world average (no yearly figure for the zone)"
              : "Electricity Maps yearly averages via CO2.js (ODbL), " + rest;
      case "trace" -> "trace file " + rest + (year != null ? ", " + year : ", runs of " + years);
      case "electricitymaps" -> "Electricity Maps API v3, values of " + years;
      case "ukgrid" -> "NESO Carbon Intensity API (GB), values of " + years;
      case "watttime" -> "WattTime API v3 MOER, values of " + years;
      case "casdk" -> "GSF Carbon Aware SDK WebAPI, values of " + years;
      default -> source + ", values of " + years;
    };
  }
}
