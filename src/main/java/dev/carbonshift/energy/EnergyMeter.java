package dev.carbonshift.energy;

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

    @Override
    default void close() {
      stop();
    }
  }
}
