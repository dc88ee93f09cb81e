package dev.carbonshift.store;

import dev.carbonshift.energy.ComponentEnergy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A run as stored.
 *
 * @param endedAt null while running
 * @param accounting null until the run is finished with its energy
 * @param owner the process that runs or ran it ({@code host:pid:startMillis}), null if unknown
 * @param sliceIndex which slice of an interruptible job's placement it ran (0 for the first, or for
 *     a job that is not sliced)
 * @param endReason why it ended as it did (stopped at a slice end, found dead, …), null if running
 */
public record RunRecord(
    long id,
    String jobId,
    String region,
    RunState state,
    Instant startedAt,
    Instant endedAt,
    Instant heartbeatAt,
    String checkpointPath,
    Long modelVersionId,
    String metricName,
    Double metricValue,
    Accounting accounting,
    String owner,
    int sliceIndex,
    String endReason) {

  /**
   * The run's energy and emissions. Intensity and baseline fields are null when unknown.
   *
   * @param energy IT kWh per component and method
   * @param energyMethod summary, e.g. {@code CPU counter, GPU counter, RAM modelled}
   * @param intensityKind {@code ACTUAL}, {@code FORECAST} or {@code ESTIMATE}
   * @param notes fallbacks, failed reads and missing intensities, one per line
   */
  public record Accounting(
      List<ComponentEnergy> energy,
      double itKwh,
      Double pue,
      Double facilityKwh,
      Double intensityGramsPerKwh,
      String intensityKind,
      Double intensityActualShare,
      String intensitySource,
      Double kgCo2e,
      String baselineRegion,
      Double baselinePue,
      Double baselineGramsPerKwh,
      String baselineIntensityKind,
      Double baselineKgCo2e,
      Double avoidedKgCo2e,
      String energyMethod,
      Duration samplingInterval,
      String notes) {
    public Accounting {
      energy = List.copyOf(energy);
    }
  }
}
