package dev.carbonshift.sim;

import dev.carbonshift.plan.Placement;
import dev.carbonshift.plan.PlanRegion;
import dev.carbonshift.plan.Slice;
import java.util.ArrayList;
import java.util.List;

/** Prices placements on the actual traces and sums a replay up. */
final class Accounting {
  private final World world;
  final List<SimPlacement> placements = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  Double lpBoundKgCo2e;
  private double totalKwh;
  private double totalGrams;
  private double baselineGrams;
  private int misses;

  Accounting(World world) {
    this.world = world;
  }

  void record(SimJob job, Placement p) {
    PlanRegion r = world.regions.get(p.regionId());
    Actuals a = world.actuals(p.regionId());
    double grams = 0;
    for (Slice s : p.slices()) {
      grams +=
          a.grams(s.start().getEpochSecond(), s.end().getEpochSecond(), job.powerKw(), r.pue());
    }
    double kwh = job.energyKwh() * r.pue();
    boolean missed = p.end().isAfter(job.deadline());
    misses += missed ? 1 : 0;
    totalKwh += kwh;
    totalGrams += grams;
    baselineGrams += baselineGrams(job);
    placements.add(
        new SimPlacement(
            job.id(),
            p.regionId(),
            p.start(),
            p.end(),
            p.slices().size(),
            kwh,
            grams / 1000,
            missed,
            p.reason()));
  }

  private double baselineGrams(SimJob job) {
    PlanRegion home = world.regions.get(job.home());
    long s = job.submitted().getEpochSecond();
    return world
        .actuals(job.home())
        .grams(s, s + job.duration().toSeconds(), job.powerKw(), home.pue());
  }

  SimResult result(Policy policy, ForecastMode mode, Double lowerBoundKgCo2e) {
    return new SimResult(
        policy.label(),
        mode.label(),
        placements.size(),
        misses,
        totalKwh,
        totalGrams / 1000,
        baselineGrams / 1000,
        lowerBoundKgCo2e,
        lpBoundKgCo2e,
        placements,
        notes);
  }
}
