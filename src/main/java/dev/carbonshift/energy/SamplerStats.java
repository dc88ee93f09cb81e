package dev.carbonshift.energy;

import java.time.Duration;

/**
 * What sampling cost.
 *
 * @param ticks polls of all sensors
 * @param samplerCpu CPU time spent polling, on whichever thread polled
 * @param wall time from the first to the last poll
 * @param failedReads reads that failed, over all sensors
 */
public record SamplerStats(long ticks, Duration samplerCpu, Duration wall, int failedReads) {

  /** Sampling cost as a percentage of one core over the wall time; NaN before any time passed. */
  public double percentOfOneCore() {
    long wallNanos = wall.toNanos();
    return wallNanos <= 0 ? Double.NaN : 100.0 * samplerCpu.toNanos() / wallNanos;
  }

  /** Mean CPU time of one poll. */
  public Duration cpuPerTick() {
    return ticks == 0 ? Duration.ZERO : samplerCpu.dividedBy(ticks);
  }
}
