package dev.carbonshift.report;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Method;
import dev.carbonshift.region.Region;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * How a report's figures were made, stated for an auditor: the accounting basis, each source's
 * signal and factor, PUE per region and its origin, the measurement method per component with its
 * share of the energy, the share of intensities that were actuals, forecasts or fallbacks, the
 * factor sources with their year, and the embodied figures behind SCI. Shares are of energy.
 */
public record Methodology(
    String accounting,
    String baseline,
    List<Source> sources,
    boolean mixedSignals,
    String warning,
    List<Pue> pue,
    List<Measurement> measurement,
    List<Unmeasured> unmeasured,
    Intensities intensities,
    List<String> factorSources,
    Embodied embodied,
    String sci,
    String savings) {

  /** One source as runs used it; {@code energyShare} of the facility energy with emissions. */
  public record Source(
      String source, String signal, String factor, String known, long runs, double energyShare) {}

  public record Pue(String region, List<Double> values, String origin) {}

  /** A component measured by a method, with its share of the IT energy. */
  public record Measurement(String component, String method, double itKwh, double share) {}

  /** A component some runs did not measure: left empty in the export, for these reasons. */
  public record Unmeasured(String component, long runs, List<String> reasons) {}

  /** Shares of the facility energy with a known intensity, by what the intensity was. */
  public record Intensities(double actual, double forecast, double fallback, long runsUnknown) {}

  static final String ACCOUNTING =
      "Location-based (GHG Protocol Scope 2): each run's facility energy (IT kWh × PUE of the"
          + " region) × the grid intensity of the region's zone over the run, weighted by when the"
          + " energy was used. Market-based instruments and offsets are not used.";
  static final String BASELINE =
      "Baseline: the same IT energy with the same power profile, started when the job was"
          + " submitted, in its home region with the home PUE; same method as the emissions.";
  static final String SCI =
      "SCI (Green Software Foundation, ISO/IEC 21031) = (E × I + M) per R. E × I is the run's"
          + " location-based kgCO2e; M is embodied kgCO2e per device-hour × the hours of each metered"
          + " GPU and CPU package. Per run R = one run; per model version R = one trained version, and"
          + " following SCI for AI every run of the job that led to it counts: every epoch, and every"
          + " interrupted, failed or early-stopped run. M is reported, never used for placement.";
  static final String SAVINGS =
      "Energy saved by incremental and transfer training: the from-scratch IT kWh minus the"
          + " version's IT kWh (all runs of its job). From scratch is measured where a from-scratch"
          + " version of the same model exists (scaled by training rows when the history grew), else"
          + " estimated from the parent version's kWh per training row; it is counted on the run"
          + " that produced the version.";

  static Methodology of(
      List<RunFact> runs, SourceKinds kinds, Function<String, Region> regionOf, Embodied embodied) {
    double facilityWithKg =
        runs.stream()
            .filter(r -> r.kgCo2e() != null && r.facilityKwh() != null)
            .mapToDouble(RunFact::facilityKwh)
            .sum();
    Map<String, long[]> runsPer = new TreeMap<>();
    Map<String, Double> kwhPer = new TreeMap<>();
    Map<String, TreeSet<String>> years = new TreeMap<>();
    double actual = 0;
    double fallback = 0;
    long unknown = 0;
    for (RunFact r : runs) {
      if (r.kgCo2e() == null || r.facilityKwh() == null) {
        unknown++;
        continue;
      }
      List<String> src = r.sources().isEmpty() ? List.of("(unnamed)") : r.sources();
      for (String s : src) {
        runsPer.computeIfAbsent(s, k -> new long[1])[0]++;
        kwhPer.merge(s, r.facilityKwh() / src.size(), Double::sum);
        years
            .computeIfAbsent(s, k -> new TreeSet<>())
            .add(r.startedAt().toString().substring(0, 4));
      }
      double a = r.actualShare() == null ? 0 : r.actualShare();
      actual += r.facilityKwh() * a;
      boolean estimate =
          "ESTIMATE".equals(r.intensityKind())
              || src.stream().allMatch(s -> s.startsWith("yearly"));
      if (estimate) {
        fallback += r.facilityKwh() * (1 - a);
      }
    }
    List<Source> sources = new ArrayList<>();
    List<String> factorSources = new ArrayList<>();
    for (String s : runsPer.keySet()) {
      SourceKinds.Kinds k = kinds.of(s);
      sources.add(
          new Source(
              s,
              k.signal(),
              k.factor(),
              k.known(),
              runsPer.get(s)[0],
              facilityWithKg > 0 ? kwhPer.get(s) / facilityWithKg : 0));
      factorSources.add(SourceKinds.factorSource(s, String.join(", ", years.get(s))));
    }
    boolean marginal = sources.stream().anyMatch(s -> kinds.of(s.source()).marginal());
    boolean average = sources.stream().anyMatch(s -> kinds.of(s.source()).average());
    boolean mixed = marginal && average;
    String warning =
        mixed
            ? "WARNING: this report mixes average and marginal intensity signals. They answer"
                + " different questions (what the grid emits on average vs what one more kWh"
                + " emits) and are not comparable; kgCO2e is shown split by signal"
                + " (kg_co2e_average_signal, kg_co2e_marginal_signal) and the total adds both."
            : null;
    double forecast = Math.max(0, facilityWithKg - actual - fallback);
    Intensities shares =
        facilityWithKg > 0
            ? new Intensities(
                actual / facilityWithKg,
                forecast / facilityWithKg,
                fallback / facilityWithKg,
                unknown)
            : new Intensities(0, 0, 0, unknown);
    return new Methodology(
        ACCOUNTING,
        BASELINE,
        sources,
        mixed,
        warning,
        pue(runs, regionOf),
        measurement(runs),
        unmeasured(runs),
        shares,
        factorSources,
        embodied,
        SCI,
        SAVINGS);
  }

  private static List<Pue> pue(List<RunFact> runs, Function<String, Region> regionOf) {
    Map<String, TreeSet<Double>> seen = new TreeMap<>();
    for (RunFact r : runs) {
      if (r.pue() != null) {
        seen.computeIfAbsent(r.region(), k -> new TreeSet<>()).add(r.pue());
      }
    }
    List<Pue> out = new ArrayList<>();
    seen.forEach(
        (region, values) -> {
          Region now = regionOf.apply(region);
          String origin;
          if (now == null) {
            origin = "as stored with the runs; no region file " + region + ".yaml now";
          } else if (values.size() == 1 && values.first() == now.pue()) {
            origin =
                "region file "
                    + region
                    + ".yaml"
                    + (now.pue() == 1.0
                        ? " (1.0 is also the default when a file states none)"
                        : "");
          } else {
            origin =
                String.format(
                    Locale.ROOT,
                    "as stored with the runs; region file %s.yaml now says %.2f",
                    region,
                    now.pue());
          }
          out.add(new Pue(region, List.copyOf(values), origin));
        });
    return out;
  }

  private static List<Measurement> measurement(List<RunFact> runs) {
    Map<String, Double> kwh = new LinkedHashMap<>();
    double total = 0;
    for (Component c : Component.values()) {
      for (Method m : Method.values()) {
        double sum = 0;
        for (RunFact r : runs) {
          for (RunFact.Line l : r.energy()) {
            if (l.component() == c && l.method() == m) {
              sum += l.itKwh();
            }
          }
        }
        if (sum > 0) {
          kwh.put(c + "/" + m, sum);
          total += sum;
        }
      }
    }
    List<Measurement> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : kwh.entrySet()) {
      String[] cm = e.getKey().split("/");
      out.add(
          new Measurement(
              cm[0],
              cm[1].toLowerCase(Locale.ROOT),
              e.getValue(),
              total > 0 ? e.getValue() / total : 0));
    }
    return out;
  }

  private static List<Unmeasured> unmeasured(List<RunFact> runs) {
    List<Unmeasured> out = new ArrayList<>();
    for (Component c : Component.values()) {
      long n = 0;
      TreeSet<String> reasons = new TreeSet<>();
      for (RunFact r : runs) {
        if (r.itKwh() == null || r.measured(c)) {
          continue;
        }
        n++;
        reasons.add(reason(r, c));
      }
      if (n > 0) {
        out.add(new Unmeasured(c.name(), n, List.copyOf(reasons)));
      }
    }
    return out;
  }

  /** Why a run's account has no energy of {@code c}: its note, else that no sensor read it. */
  static String reason(RunFact r, Component c) {
    if (r.notes() != null) {
      for (String n : r.notes().split("\n")) {
        if (n.startsWith(c + ":")) {
          return n.substring(c.name().length() + 1).trim();
        }
      }
    }
    return "no " + c + " sensor in the run's meter";
  }
}
