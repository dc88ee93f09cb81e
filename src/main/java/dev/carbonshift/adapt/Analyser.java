package dev.carbonshift.adapt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns what the monitor saw into findings, with the policy's thresholds. */
public final class Analyser {
  private Analyser() {}

  public static List<Finding> analyse(Signals s, Policy p) {
    List<Finding> out = new ArrayList<>();
    double ratio = s.errorRatio();
    if (ratio > p.degradedRatio()) {
      Severity sev = ratio > 1.2 * p.degradedRatio() ? Severity.CRITICAL : Severity.WARN;
      out.add(
          new Finding(
              Finding.DEGRADATION,
              sev,
              ratio,
              p.degradedRatio(),
              fmt("MAE %.1f is %.2f× the naive forecast's %.1f", s.mae(), ratio, s.naiveMae())));
    }
    if (s.errorAlarm()) {
      out.add(
          new Finding(
              Finding.DRIFT,
              Severity.WARN,
              s.errorStatistic(),
              p.detector().lambda(),
              fmt(
                  "Page-Hinkley on the error stream passed λ = %.0f (δ = %.3g)",
                  p.detector().lambda(), p.detector().delta())));
    }
    if (s.psi() > p.psiThreshold()) {
      Severity sev = s.psi() > 2.5 * p.psiThreshold() ? Severity.CRITICAL : Severity.WARN;
      out.add(
          new Finding(
              Finding.INPUT_DRIFT,
              sev,
              s.psi(),
              p.psiThreshold(),
              fmt("input PSI %.3f > %.2f", s.psi(), p.psiThreshold())));
    }
    double kl = p.klThreshold(s.variant());
    if (s.kl() > kl) {
      out.add(
          new Finding(
              Finding.PREDICTION_DRIFT,
              Severity.INFO,
              s.kl(),
              kl,
              fmt("prediction KL %.3f > %.2f (%s model)", s.kl(), kl, s.variant())));
    }
    return out;
  }

  static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }
}
