package dev.carbonshift.report;

/**
 * The summed figures of a group of runs, in base units (kWh, kgCO2e, hours). Unknown emissions are
 * not added as 0: such runs are counted in {@code runsWithoutEmissions}, and avoided kgCO2e and its
 * percentage cover only the runs with both an emission and a baseline figure.
 *
 * @param baselineOfAvoidedKgCo2e the baseline of the runs counted in {@code avoidedKgCo2e}, the
 *     denominator of the percentage
 */
public record Figures(
    long runs,
    long runsWithoutEmissions,
    double gpuHours,
    double cpuHours,
    double itKwh,
    double facilityKwh,
    double kgCo2e,
    double kgCo2eAverageSignal,
    double kgCo2eMarginalSignal,
    double baselineKgCo2e,
    double avoidedKgCo2e,
    double baselineOfAvoidedKgCo2e,
    double fromScratchKwh,
    double energySavedKwh,
    long deadlineMisses,
    double embodiedKgCo2e) {

  public static final Figures ZERO = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Avoided as a share of the baseline, in percent; null when no run had both figures. */
  public Double avoidedPct() {
    return baselineOfAvoidedKgCo2e > 0 ? 100 * avoidedKgCo2e / baselineOfAvoidedKgCo2e : null;
  }

  /** One run's figures. */
  static Figures of(RunFact r, boolean marginal, Savings.FromScratch scratch, Embodied embodied) {
    double kg = r.kgCo2e() == null ? 0 : r.kgCo2e();
    boolean both = r.avoidedKgCo2e() != null && r.baselineKgCo2e() != null;
    return new Figures(
        1,
        r.kgCo2e() == null ? 1 : 0,
        r.gpuHours(),
        r.cpuHours(),
        r.itKwh() == null ? 0 : r.itKwh(),
        r.facilityKwh() == null ? 0 : r.facilityKwh(),
        kg,
        marginal ? 0 : kg,
        marginal ? kg : 0,
        r.baselineKgCo2e() == null ? 0 : r.baselineKgCo2e(),
        both ? r.avoidedKgCo2e() : 0,
        both ? r.baselineKgCo2e() : 0,
        scratch == null ? 0 : scratch.kwh(),
        scratch == null ? 0 : scratch.savedKwh(),
        r.missedDeadline() ? 1 : 0,
        embodied.kg(r.gpuHours(), r.cpuHours()));
  }

  Figures plus(Figures o) {
    return new Figures(
        runs + o.runs,
        runsWithoutEmissions + o.runsWithoutEmissions,
        gpuHours + o.gpuHours,
        cpuHours + o.cpuHours,
        itKwh + o.itKwh,
        facilityKwh + o.facilityKwh,
        kgCo2e + o.kgCo2e,
        kgCo2eAverageSignal + o.kgCo2eAverageSignal,
        kgCo2eMarginalSignal + o.kgCo2eMarginalSignal,
        baselineKgCo2e + o.baselineKgCo2e,
        avoidedKgCo2e + o.avoidedKgCo2e,
        baselineOfAvoidedKgCo2e + o.baselineOfAvoidedKgCo2e,
        fromScratchKwh + o.fromScratchKwh,
        energySavedKwh + o.energySavedKwh,
        deadlineMisses + o.deadlineMisses,
        embodiedKgCo2e + o.embodiedKgCo2e);
  }
}
