package dev.carbonshift.account;

import dev.carbonshift.energy.EnergyMeter;
import dev.carbonshift.energy.EnergyReading;
import dev.carbonshift.energy.EnergySample;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What a meter measured over a run: the energy, its samples and its notes. */
public record RunEnergy(
    Instant start,
    Instant end,
    EnergyReading reading,
    List<EnergySample> samples,
    Duration samplingInterval,
    List<String> notes) {

  public RunEnergy {
    samples = List.copyOf(samples);
    notes = List.copyOf(notes);
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("run ends before it starts: " + start + " > " + end);
    }
  }

  /** From a stopped session; {@code start} is when it started. */
  public static RunEnergy of(Instant start, EnergyMeter.Session stopped) {
    EnergyReading r = stopped.stop();
    return new RunEnergy(
        start,
        start.plus(r.elapsed()),
        r,
        stopped.samples(),
        stopped.samplingInterval(),
        stopped.notes());
  }
}
