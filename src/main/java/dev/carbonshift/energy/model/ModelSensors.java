package dev.carbonshift.energy.model;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorFactory;
import dev.carbonshift.energy.SensorSet;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Factories for the modelled sensors, the last resort of the CPU and RAM chains. */
public final class ModelSensors {
  /** Green Algorithms' memory power, W per GB (CodeCarbon 2 used 3 W per 8 GB, 0.375). */
  public static final double RAM_WATTS_PER_GB = 0.3725;

  private ModelSensors() {}

  public static SensorFactory cpu(CpuTimeSource cpu, CpuPowerModel model) {
    return modelled(Component.CPU, now -> new ModelledCpuSensor(cpu, model, now));
  }

  public static SensorFactory ram(MemorySource memory, double wattsPerGb) {
    return modelled(Component.RAM, now -> new ModelledRamSensor(memory, wattsPerGb, now));
  }

  /** A factory named {@code model} that opens one modelled sensor for {@code component}. */
  private static SensorFactory modelled(Component component, Function<Instant, Sensor> open) {
    return new SensorFactory() {
      @Override
      public String name() {
        return "model";
      }

      @Override
      public Component component() {
        return component;
      }

      @Override
      public SensorSet open(Instant now) {
        return new SensorSet(List.of(open.apply(now)), List.of());
      }
    };
  }
}
