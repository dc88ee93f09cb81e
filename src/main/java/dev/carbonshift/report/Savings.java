package dev.carbonshift.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What reuse saved: each incremental or transfer version's IT energy against training it from
 * scratch. The from-scratch cost is measured where a from-scratch version of the same model exists
 * (its kWh, scaled by training rows when the reusing version's history spans more rows), else
 * estimated from the parent's kWh per training row; versions with neither have no figure.
 */
final class Savings {
  /** The from-scratch reference of one version and what the version saved against it. */
  record FromScratch(double kwh, double savedKwh, String basis) {}

  private Savings() {}

  static Map<Long, FromScratch> of(List<VersionFact> versions) {
    // indexed once: a store may hold tens of thousands of versions
    Map<String, List<VersionFact>> scratchByName = new HashMap<>();
    Map<String, VersionFact> byRef = new HashMap<>();
    for (VersionFact v : versions) {
      byRef.put(v.ref(), v);
      if (v.scratch() && v.kwh() > 0) {
        scratchByName.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
      }
    }
    scratchByName.values().forEach(l -> l.sort(Comparator.comparing(VersionFact::createdAt)));
    Map<Long, FromScratch> out = new HashMap<>();
    for (VersionFact v : versions) {
      if (v.scratch() || !(v.kwh() > 0)) {
        continue;
      }
      reference(v, scratchByName.getOrDefault(v.name(), List.of()), byRef)
          .ifPresent(s -> out.put(v.id(), s));
    }
    return out;
  }

  private static Optional<FromScratch> reference(
      VersionFact v, List<VersionFact> scratches, Map<String, VersionFact> byRef) {
    VersionFact s = null;
    for (VersionFact x : scratches) {
      if (x.createdAt().isAfter(v.createdAt())) {
        break;
      }
      s = x;
    }
    if (s != null) {
      // a retrain from scratch now would cover the history from the scratch run's first row to
      // the reusing version's last
      double ratio = s.rows() > 0 ? (double) (v.rowTo() - s.rowFrom() + 1) / s.rows() : 1;
      if (!(ratio > 0) || !Double.isFinite(ratio)) {
        ratio = 1;
      }
      double kwh = s.kwh() * ratio;
      String basis =
          ratio == 1
              ? "measured: " + s.ref()
              : String.format(
                  Locale.ROOT, "measured: %s scaled ×%.3g by training rows", s.ref(), ratio);
      return Optional.of(new FromScratch(kwh, kwh - v.kwh(), basis));
    }
    if (v.parentName() == null || v.parentVersion() == null) {
      return Optional.empty();
    }
    VersionFact p = byRef.get(v.parentName() + ":v" + v.parentVersion());
    if (p == null || !(p.kwh() > 0) || p.rows() <= 0 || v.rows() <= 0) {
      return Optional.empty();
    }
    double kwh = p.kwh() / p.rows() * v.rows();
    return Optional.of(
        new FromScratch(kwh, kwh - v.kwh(), "estimated: " + p.ref() + "'s kWh per training row"));
  }
}
