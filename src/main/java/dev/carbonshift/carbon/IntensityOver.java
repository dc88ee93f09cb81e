package dev.carbonshift.carbon;

import java.util.Objects;

/**
 * Mean intensity of a zone over a period.
 *
 * @param gramsPerKwh time-weighted mean over the covered part, gCO2e/kWh
 * @param basis the least trustworthy kind of value used
 * @param actualShare fraction of the covered time served by actual values (0–1)
 * @param coverage fraction of the period that any value covered (0–1)
 * @param source where the values came from, for reports
 */
public record IntensityOver(
    double gramsPerKwh, IntensityKind basis, double actualShare, double coverage, String source) {
  public IntensityOver {
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(source, "source");
    if (!Double.isFinite(gramsPerKwh) || gramsPerKwh < 0) {
      throw new IllegalArgumentException("intensity must be finite and >= 0: " + gramsPerKwh);
    }
  }
}
