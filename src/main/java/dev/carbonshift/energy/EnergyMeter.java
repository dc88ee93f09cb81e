package dev.carbonshift.energy;

import java.time.Duration;
import java.util.List;

/**
 * Measures the energy a piece of work uses. Start a session before the work and stop it after;
 * implementations sample on their own thread if they need to.
 */
public interface EnergyMeter {

  /** A short name for reports, e.g. {@code nvml+rapl}, {@code modelled}. */
  String name();

  /** Starts measuring now. */
  Session start();

  /** One measurement in progress. */
  interface Session extends AutoCloseable {
    /** Energy so far, without stopping. */
    EnergyReading read();

    /** Stops measuring and returns the final reading; later calls return the same reading. */
    EnergyReading stop();

    /** How often the meter samples; {@link Duration#ZERO} when it does not sample. */
    default Duration samplingInterval() {
      return Duration.ZERO;
    }

    /** Cumulative samples per sensor, thinned to a bounded number; empty when not sampled. */
    default List<EnergySample> samples() {
      return List.of();
    }

    /**
     * What the meter could not use and why (no library, permission denied), failed reads, fallbacks
     * taken during the run: everything a reader needs to trust the figure.
     */
    default List<String> notes() {
      return List.of();
    }

    @Override
    default void close() {
      stop();
    }
  }
}
