package dev.carbonshift.report;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
    Map<Long, FromScratch> out = new HashMap<>();
    for (VersionFact v : versions) {
      if (v.scratch() || !(v.kwh() > 0)) {
        continue;
      }
      reference(v, versions).ifPresent(s -> out.put(v.id(), s));
    }
    return out;
  }

  private static Optional<FromScratch> reference(VersionFact v, List<VersionFact> all) {
    Optional<VersionFact> scratch =
        all.stream()
            .filter(x -> x.scratch() && x.name().equals(v.name()) && x.kwh() > 0)
            .filter(x -> !x.createdAt().isAfter(v.createdAt()))
            .max(Comparator.comparing(VersionFact::createdAt));
    if (scratch.isPresent()) {
      VersionFact s = scratch.get();
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
                  java.util.Locale.ROOT,
                  "measured: %s scaled ×%.3g by training rows",
                  s.ref(),
                  ratio);
      return Optional.of(new FromScratch(kwh, kwh - v.kwh(), basis));
    }
    if (v.parentName() == null || v.parentVersion() == null) {
      return Optional.empty();
    }
    return all.stream()
        .filter(x -> x.name().equals(v.parentName()) && x.version() == v.parentVersion())
        .filter(x -> x.kwh() > 0 && x.rows() > 0 && v.rows() > 0)
        .findFirst()
        .map(
            p -> {
              double kwh = p.kwh() / p.rows() * v.rows();
              return new FromScratch(
                  kwh, kwh - v.kwh(), "estimated: " + p.ref() + "'s kWh per training row");
            });
  }
}
