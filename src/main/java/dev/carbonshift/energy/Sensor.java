package dev.carbonshift.energy;

import java.time.Duration;
import java.time.Instant;

/**
 * One source of energy for one component (a RAPL package, one GPU, a model), polled by a sampler
 * thread. A sensor keeps its own cumulative total since it was opened: counter deltas with
 * wrap-around, integrated power, or a stated model.
 */
public interface Sensor extends AutoCloseable {

  /** Stable id of this sensor's series in samples and reports, e.g. {@code gpu0}. */
  String key();

  Component component();

  /** The method this sensor was opened with; a reading may report a weaker one. */
  Method method();

  /** Devices read, or the model and every assumption it makes. */
  String detail();

  /**
   * The longest polling interval at which this sensor stays correct: power integration needs ≤ 1 s,
   * a RAPL counter must be read at least once per wrap period.
   */
  Duration maxInterval();

  /**
   * Reads the sensor; returns the energy since it was opened.
   *
   * @throws SensorException when the read fails; the caller keeps the last good reading
   */
  SensorReading poll(Instant now);

  @Override
  default void close() {}
}
