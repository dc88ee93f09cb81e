package dev.carbonshift.energy.model;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.SensorFactory;
import dev.carbonshift.energy.SensorSet;
import java.time.Instant;
import java.util.List;

/** Factories for the modelled sensors, the last resort of the CPU and RAM chains. */
public final class ModelSensors {
  /** Green Algorithms' memory power, W per GB (CodeCarbon 2 used 3 W per 8 GB, 0.375). */
  public static final double RAM_WATTS_PER_GB = 0.3725;

  private ModelSensors() {}

  public static SensorFactory cpu(CpuTimeSource cpu, CpuPowerModel model) {
    return new SensorFactory() {
      @Override
      public String name() {
        return "model";
      }

      @Override
      public Component component() {
        return Component.CPU;
      }

      @Override
      public SensorSet open(Instant now) {
        return new SensorSet(List.of(new ModelledCpuSensor(cpu, model, now)), List.of());
      }
    };
  }

  public static SensorFactory ram(MemorySource memory, double wattsPerGb) {
    return new SensorFactory() {
      @Override
      public String name() {
        return "model";
      }

      @Override
      public Component component() {
        return Component.RAM;
      }

      @Override
      public SensorSet open(Instant now) {
        return new SensorSet(List.of(new ModelledRamSensor(memory, wattsPerGb, now)), List.of());
      }
    };
  }
}
