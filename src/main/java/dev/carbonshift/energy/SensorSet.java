package dev.carbonshift.energy;

import java.util.List;

/** The sensors a factory opened, and notes about what it left out and why. */
public record SensorSet(List<Sensor> sensors, List<String> notes) {
  public SensorSet {
    sensors = List.copyOf(sensors);
    notes = List.copyOf(notes);
    if (sensors.isEmpty()) {
      throw new IllegalArgumentException("a sensor set needs at least one sensor");
    }
  }
}
