package dev.carbonshift.energy.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Modelled CPU power: watts per busy core, from the CPU's TDP split over its cores (the Green
 * Algorithms method), times the CPU time actually used. The assumptions behind the figure are
 * listed so that a report can show them.
 */
public record CpuPowerModel(double wattsPerCore, List<String> assumptions) {

  public CpuPowerModel {
    if (!(wattsPerCore > 0) || !Double.isFinite(wattsPerCore)) {
      throw new IllegalArgumentException("watts per core must be positive: " + wattsPerCore);
    }
    assumptions = List.copyOf(assumptions);
  }

  public static CpuPowerModel of(CpuInfo cpu, TdpTables tables) {
    List<String> a = new ArrayList<>();
    double perCore = tables.unknownCpuWattsPerCore();
    String why;
    var entry = tables.cpu(cpu.modelName());
    if (entry.isPresent()) {
      var e = entry.get();
      OptionalInt named = ModelNames.coresInName(cpu.modelName());
      int cores =
          e.cores() > 0
              ? e.cores()
              : named.isPresent()
                  ? named.getAsInt()
                  : cpu.virtualised() ? 0 : cpu.coresPerPackage();
      String matched =
          String.format(
              Locale.ROOT,
              "CPU \"%s\" matched \"%s\" in %s: TDP %.0f W",
              cpu.modelName(),
              e.model(),
              e.table(),
              e.tdpWatts());
      if (cores > 0) {
        perCore = e.tdpWatts() / cores;
        why =
            String.format(Locale.ROOT, "%s / %d cores = %.2f W per core", matched, cores, perCore);
      } else {
        why =
            matched
                + "; its core count is unknown inside this VM, so the unknown-CPU figure of "
                + fmt(perCore)
                + " W per core is used";
      }
    } else {
      why =
          "CPU \""
              + cpu.modelName()
              + "\" is not in the TDP tables ("
              + tables.source()
              + "): "
              + fmt(perCore)
              + " W per core, the Green Algorithms figure for an unknown CPU";
    }
    a.add(why);
    a.add("a busy hardware thread counts as a busy core (an upper bound with SMT)");
    a.add("power follows CPU time: idle power of cores this work did not use is not counted");
    return new CpuPowerModel(perCore, a);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
