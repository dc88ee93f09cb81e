package dev.carbonshift.account;

import dev.carbonshift.carbon.IntensityOver;

/**
 * Emissions of some energy in a zone over a period.
 *
 * @param region where it ran (or would have)
 * @param pue the region's power usage effectiveness
 * @param facilityKwh IT energy × PUE
 * @param intensity energy-weighted mean intensity over the run
 * @param kgCo2e facility energy × intensity
 */
public record Emissions(
    String region,
    String zone,
    double pue,
    double facilityKwh,
    IntensityOver intensity,
    double kgCo2e) {}
