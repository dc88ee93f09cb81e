package dev.carbonshift.account;

import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityOver;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns measured IT energy into emissions: IT kWh × PUE = facility kWh, × the intensity the run saw
 * = kgCO2e. The intensity is weighted by when the energy was used (from the samples), so a run that
 * drew most of its power in a dirty hour is charged for it; with flat power this is the
 * time-weighted mean. The baseline charges the same IT energy, with the same profile, to the home
 * region from the moment the job was submitted. Pure: no clock, no I/O.
 */
public final class RunAccounting {

  /** Where energy was (or would have been) used. */
  public record Place(String region, String zone, double pue) {
    public Place {
      if (!(pue >= 1.0) || !Double.isFinite(pue)) {
        throw new IllegalArgumentException("PUE of " + region + " must be >= 1: " + pue);
      }
    }
  }

  /** The home region and when the job was submitted, for the baseline. */
  public record Home(Place place, Instant submittedAt) {}

  private RunAccounting() {}

  public static RunAccount account(
      RunEnergy energy, Place ran, Optional<Home> home, IntensityTimeline timeline) {
    List<String> notes = new ArrayList<>(energy.notes());
    List<ComponentEnergy> lines = lines(energy.reading().components());
    double itKwh = lines.stream().mapToDouble(ComponentEnergy::kwh).sum();
    EnergyProfile profile = EnergyProfile.of(energy.start(), energy.end(), energy.samples());
    Optional<Emissions> emitted = emissions(itKwh, ran, profile, Duration.ZERO, timeline, notes);
    Optional<Emissions> baseline =
        home.flatMap(
            h ->
                emissions(
                    itKwh,
                    h.place(),
                    profile,
                    Duration.between(energy.start(), h.submittedAt()),
                    timeline,
                    notes));
    return new RunAccount(
        energy.start(),
        energy.end(),
        lines,
        itKwh,
        energy.samplingInterval(),
        emitted,
        baseline,
        notes);
  }

  /** Sums the reading per component and method, in component order. */
  static List<ComponentEnergy> lines(List<ComponentEnergy> components) {
    Map<String, List<ComponentEnergy>> groups = new LinkedHashMap<>();
    for (Component c : Component.values()) {
      for (Method m : Method.values()) {
        components.stream()
            .filter(e -> e.component() == c && e.method() == m)
            .forEach(e -> groups.computeIfAbsent(c + "/" + m, k -> new ArrayList<>()).add(e));
      }
    }
    List<ComponentEnergy> out = new ArrayList<>();
    groups
        .values()
        .forEach(
            g ->
                out.add(
                    ComponentEnergy.ofKwh(
                        g.get(0).component(),
                        g.get(0).method(),
                        g.stream().mapToDouble(ComponentEnergy::kwh).sum(),
                        String.join("\n", g.stream().map(ComponentEnergy::detail).toList()))));
    return out;
  }

  private static Optional<Emissions> emissions(
      double itKwh,
      Place place,
      EnergyProfile profile,
      Duration shift,
      IntensityTimeline timeline,
      List<String> notes) {
    double covered = 0;
    double grams = 0;
    double actual = 0;
    double timeCoverage = 0;
    IntensityKind basis = IntensityKind.ACTUAL;
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < profile.weights.length; i++) {
      double w = profile.weights[i];
      if (w <= 0) {
        continue;
      }
      Instant from = profile.sliceStart(i).plus(shift);
      Optional<IntensityOver> v = timeline.over(place.zone(), from, from.plus(profile.slice));
      if (v.isPresent()) {
        IntensityOver x = v.get();
        covered += w;
        grams += w * x.gramsPerKwh();
        actual += w * x.actualShare();
        timeCoverage += w * x.coverage();
        basis = basis.worst(x.basis());
        if (!x.source().isBlank() && !sources.contains(x.source())) {
          sources.add(x.source());
        }
      }
    }
    Instant at = profile.start.plus(shift);
    if (covered <= 0) {
      notes.add(
          "no carbon intensity for zone "
              + place.zone()
              + " around "
              + at
              + ": emissions of "
              + place.region()
              + " unknown");
      return Optional.empty();
    }
    if (timeCoverage < 0.999) {
      notes.add(
          String.format(
              Locale.ROOT,
              "intensity for zone %s covered %.0f%% of the energy-weighted time from %s; the rest"
                  + " is charged at the mean of the covered part",
              place.zone(),
              100 * timeCoverage,
              at));
    }
    IntensityOver mean =
        new IntensityOver(
            grams / covered, basis, actual / covered, timeCoverage, String.join(", ", sources));
    double facilityKwh = itKwh * place.pue();
    return Optional.of(
        new Emissions(
            place.region(),
            place.zone(),
            place.pue(),
            facilityKwh,
            mean,
            facilityKwh * mean.gramsPerKwh() / 1000.0));
  }
}
