package dev.carbonshift.energy.detect;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.CompositeMeter;
import dev.carbonshift.energy.SensorFactory;
import dev.carbonshift.energy.model.CpuInfo;
import dev.carbonshift.energy.model.CpuPowerModel;
import dev.carbonshift.energy.model.HardwareData;
import dev.carbonshift.energy.model.ModelSensors;
import dev.carbonshift.energy.model.TdpTables;
import dev.carbonshift.energy.nvml.NvmlSensors;
import dev.carbonshift.energy.rapl.RaplSensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the meter for this machine: per component, the sensors to try from best to last resort.
 * CPU: RAPL packages, then the CPU-time model. GPU: NVML (counter, else integrated power, else
 * utilisation model, chosen per GPU). RAM: RAPL DRAM, then the W-per-GB model.
 */
public final class Meters {
  private Meters() {}

  public static CompositeMeter detect(MeterOptions o) {
    return detect(o, tables(o));
  }

  /** With TDP tables already loaded (they take a moment; load them before starting the work). */
  public static CompositeMeter detect(MeterOptions o, TdpTables tables) {
    CpuPowerModel cpuModel = CpuPowerModel.of(CpuInfo.read(o.cpuinfo()), tables);
    Map<Component, List<SensorFactory>> chains = new LinkedHashMap<>();

    List<SensorFactory> cpu = new ArrayList<>();
    if (o.powercapRoot() != null) {
      cpu.add(RaplSensors.packages(o.powercapRoot(), o.powercapReader()));
    }
    cpu.add(ModelSensors.cpu(o.scope().cpu(), cpuModel));
    chains.put(Component.CPU, cpu);

    if (o.nvmlLibrary() != null) {
      chains.put(Component.GPU, List.of(new NvmlSensors(o.nvmlLibrary(), o.env(), tables)));
    }

    List<SensorFactory> ram = new ArrayList<>();
    if (o.powercapRoot() != null) {
      ram.add(RaplSensors.dram(o.powercapRoot(), o.powercapReader()));
    }
    ram.add(ModelSensors.ram(o.scope().memory(), o.ramWattsPerGb()));
    chains.put(Component.RAM, ram);

    return new CompositeMeter(chains, o.meter());
  }

  /** The TDP tables the options point at, or the bundled ones. */
  public static TdpTables tables(MeterOptions o) {
    if (o.hardwareDir().isEmpty()) {
      return HardwareData.tables();
    }
    try {
      return TdpTables.load(o.hardwareDir().get());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TDP tables in " + o.hardwareDir().get(), e);
    }
  }
}
