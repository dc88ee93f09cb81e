package dev.carbonshift.energy.nvml;

import com.sun.jna.Pointer;
import dev.carbonshift.energy.SensorException;
import dev.carbonshift.energy.SensorException.Kind;
import dev.carbonshift.energy.model.TdpTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Chooses a GPU's method by asking NVML what the device supports, best first. */
final class GpuSensors {
  private static final String[] ARCHITECTURES = {
    "?",
    "?",
    "Kepler",
    "Maxwell",
    "Pascal",
    "Volta",
    "Turing",
    "Ampere",
    "Ada",
    "Hopper",
    "Blackwell"
  };

  private GpuSensors() {}

  static String architectureName(long arch) {
    return arch >= 0 && arch < ARCHITECTURES.length ? ARCHITECTURES[(int) arch] : "arch " + arch;
  }

  static GpuSensor open(
      Nvml nvml, VisibleDevices.Owned d, TdpTables tables, Instant now, Runnable release) {
    Pointer h = d.handle();
    String name = orElse(() -> nvml.name(h), "unknown GPU");
    long arch = -1;
    List<String> why = new ArrayList<>();
    try {
      arch = nvml.architecture(h);
    } catch (NvmlException e) {
      why.add("architecture unknown (" + NvmlReturn.name(e.code()) + ")");
    }
    String who =
        String.format(
            Locale.ROOT,
            "%s %s (%s%s), whole device",
            d.label(),
            name,
            d.uuid(),
            arch >= 0 && arch != 0xffffffffL ? ", " + architectureName(arch) : "");
    boolean counterPossible = arch < 0 || arch == 0xffffffffL || arch >= Nvml.ARCH_VOLTA;
    if (!counterPossible) {
      why.add("no energy counter before Volta (" + architectureName(arch) + ")");
    } else {
      try {
        nvml.totalEnergyMillijoules(h, d.label());
        return new GpuSensor(
            nvml, d, who + ": NVML energy counter (mJ)", GpuSensor.Mode.COUNTER, 0, now, release);
      } catch (NvmlException e) {
        unlessLost(e);
        why.add("energy counter: " + NvmlReturn.name(e.code()));
      }
    }
    try {
      nvml.powerMilliwatts(h, d.label());
      return new GpuSensor(
          nvml,
          d,
          who + ": nvmlDeviceGetPowerUsage integrated at ≤ 1 s (" + String.join("; ", why) + ")",
          GpuSensor.Mode.INTEGRATED,
          0,
          now,
          release);
    } catch (NvmlException e) {
      unlessLost(e);
      why.add("power: " + NvmlReturn.name(e.code()));
    }
    try {
      nvml.utilization(h, d.label());
    } catch (NvmlException e) {
      throw new SensorException(
          e.kind() == Kind.DEVICE_LOST ? Kind.DEVICE_LOST : Kind.UNAVAILABLE,
          who
              + ": no energy counter, power or utilisation ("
              + String.join("; ", why)
              + "; utilisation: "
              + NvmlReturn.name(e.code())
              + ")",
          e);
    }
    double watts;
    String source;
    try {
      watts = nvml.enforcedPowerLimitMilliwatts(h, d.label()) / 1000.0;
      source = "its enforced power limit";
    } catch (NvmlException e) {
      var entry = tables.gpu(name);
      watts = entry.map(TdpTables.Entry::tdpWatts).orElse(tables.unknownGpuWatts());
      source =
          entry
              .map(x -> "TDP of " + x.model() + " in " + x.table())
              .orElse("the Green Algorithms figure for an unknown GPU");
    }
    return new GpuSensor(
        nvml,
        d,
        String.format(
            Locale.ROOT,
            "%s: modelled as utilisation × %.0f W (%s) (%s)",
            who,
            watts,
            source,
            String.join("; ", why)),
        GpuSensor.Mode.MODELLED,
        watts,
        now,
        release);
  }

  private static void unlessLost(NvmlException e) {
    if (e.kind() == Kind.DEVICE_LOST) {
      throw e;
    }
  }

  private static String orElse(java.util.function.Supplier<String> s, String fallback) {
    try {
      return s.get();
    } catch (NvmlException e) {
      return fallback;
    }
  }
}
