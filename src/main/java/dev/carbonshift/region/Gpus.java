package dev.carbonshift.region;

/** The accelerators a region offers to Carbonshift's jobs. */
public record Gpus(String model, int count, double tdpWatts) {}
