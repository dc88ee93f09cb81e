package dev.carbonshift.energy.nvml;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorException;
import dev.carbonshift.energy.SensorException.Kind;
import dev.carbonshift.energy.SensorFactory;
import dev.carbonshift.energy.SensorSet;
import dev.carbonshift.energy.model.TdpTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens one sensor per GPU the job owns ({@code CUDA_VISIBLE_DEVICES}), each with the best method
 * that GPU supports. NVML stays initialised until the last of them is closed.
 */
public final class NvmlSensors implements SensorFactory {
  private final String library;
  private final Map<String, String> env;
  private final TdpTables tables;

  /**
   * @param library NVML library name or path, e.g. {@link Nvml#DEFAULT_LIBRARY}
   * @param env the environment of the measured work ({@code CUDA_VISIBLE_DEVICES}, {@code
   *     CUDA_DEVICE_ORDER})
   * @param tables GPU TDPs, used only when a GPU reports neither energy, power nor a power limit
   */
  public NvmlSensors(String library, Map<String, String> env, TdpTables tables) {
    this.library = library;
    this.env = Map.copyOf(env);
    this.tables = tables;
  }

  @Override
  public String name() {
    return "nvml";
  }

  @Override
  public Component component() {
    return Component.GPU;
  }

  @Override
  public SensorSet open(Instant now) {
    Nvml nvml = Nvml.open(library);
    try {
      List<String> notes = new ArrayList<>();
      String visible = env.get("CUDA_VISIBLE_DEVICES");
      List<VisibleDevices.Owned> owned =
          VisibleDevices.resolve(nvml, visible, env.get("CUDA_DEVICE_ORDER"), notes);
      if (owned.isEmpty()) {
        String why =
            visible == null
                ? "NVML sees no GPU"
                : "the job owns no GPU (CUDA_VISIBLE_DEVICES=\"" + visible + "\")";
        throw new SensorException(Kind.UNAVAILABLE, String.join("; ", withFirst(why, notes)));
      }
      AtomicInteger open = new AtomicInteger(owned.size());
      Runnable release =
          () -> {
            if (open.decrementAndGet() == 0) {
              nvml.close();
            }
          };
      List<Sensor> sensors = new ArrayList<>();
      for (VisibleDevices.Owned d : owned) {
        try {
          sensors.add(GpuSensors.open(nvml, d, tables, now, release));
        } catch (SensorException e) {
          open.decrementAndGet();
          notes.add(d.label() + " not measured: " + e.getMessage());
        }
      }
      if (sensors.isEmpty()) {
        throw new SensorException(Kind.UNAVAILABLE, String.join("; ", notes));
      }
      return new SensorSet(sensors, notes);
    } catch (RuntimeException e) {
      nvml.close();
      throw e;
    }
  }

  private static List<String> withFirst(String first, List<String> rest) {
    List<String> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }
}
