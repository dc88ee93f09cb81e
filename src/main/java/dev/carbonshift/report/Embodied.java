package dev.carbonshift.report;

/**
 * Embodied emissions charged per device-hour, for SCI's M: total embodied × (time reserved /
 * expected lifespan) × (resources reserved / total resources), worked out per hour of one device.
 *
 * <p>Defaults from Luccioni, Viguier and Ligozat, "Estimating the Carbon Footprint of BLOOM" (arXiv
 * 2211.02001, 2022): 150 kgCO2e per GPU and 2,500 kgCO2e per server, over a 6-year life at 85% use.
 * Per GPU-hour: 150 kg / (6 × 8,760 h × 0.85) = 3.36 g. Per CPU-hour (one CPU package of a
 * two-socket server): 2,500 kg / 2 / (6 × 8,760 h × 0.85) = 28.0 g.
 *
 * @param gramsPerGpuHour embodied gCO2e per hour of one GPU
 * @param gramsPerCpuHour embodied gCO2e per hour of one CPU package
 * @param source where the figures come from, printed in the methodology
 */
public record Embodied(double gramsPerGpuHour, double gramsPerCpuHour, String source) {
  private static final double LIFE_HOURS = 6 * 8760 * 0.85;

  public static final Embodied DEFAULT =
      new Embodied(
          150_000 / LIFE_HOURS,
          2_500_000 / 2.0 / LIFE_HOURS,
          "Luccioni et al., Estimating the Carbon Footprint of BLOOM (arXiv 2211.02001, 2022):"
              + " 150 kgCO2e per GPU, 2,500 kgCO2e per two-socket server, 6-year life at 85% use");

  public Embodied {
    if (!(gramsPerGpuHour >= 0) || !(gramsPerCpuHour >= 0)) {
      throw new IllegalArgumentException("embodied grams per device-hour must be >= 0");
    }
  }

  /** The defaults with the figures the user set, if any (null keeps a default). */
  public static Embodied of(Double gpu, Double cpu) {
    if (gpu == null && cpu == null) {
      return DEFAULT;
    }
    return new Embodied(
        gpu == null ? DEFAULT.gramsPerGpuHour : gpu,
        cpu == null ? DEFAULT.gramsPerCpuHour : cpu,
        "set by the user"
            + (gpu == null || cpu == null ? "; the other figure from " + DEFAULT.source : ""));
  }

  /** Embodied kgCO2e of so many device-hours. */
  public double kg(double gpuHours, double cpuHours) {
    return (gpuHours * gramsPerGpuHour + cpuHours * gramsPerCpuHour) / 1000.0;
  }
}
