package dev.carbonshift.report;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One finished run as reports read it: its job, where and when it ran, its account (null figures
 * are unknown, never 0) and its IT energy per component and method.
 *
 * @param inPeriod whether it ended inside the report's period (runs outside it are read only to
 *     complete the model version they led to)
 * @param energy IT kWh per component and method, with the number of devices metered
 * @param notes the account's notes: fallbacks, failed reads, why a component was not measured
 */
public record RunFact(
    long runId,
    String jobId,
    String jobName,
    String team,
    String model,
    String strategy,
    String region,
    String home,
    String state,
    Instant startedAt,
    Instant endedAt,
    Instant submittedAt,
    Instant deadline,
    boolean inPeriod,
    Double itKwh,
    Double pue,
    Double facilityKwh,
    Double gramsPerKwh,
    String intensityKind,
    Double actualShare,
    String intensitySource,
    Double kgCo2e,
    String baselineRegion,
    Double baselinePue,
    Double baselineGramsPerKwh,
    Double baselineKgCo2e,
    Double avoidedKgCo2e,
    Long modelVersionId,
    List<Line> energy,
    String notes) {

  /** IT energy of one component by one method, over {@code devices} sensors. */
  public record Line(Component component, Method method, double itKwh, int devices) {}

  public RunFact {
    energy = List.copyOf(energy);
  }

  /** The calendar month the run ended in, UTC, e.g. {@code 2026-11}. */
  public String month() {
    return endedAt.toString().substring(0, 7);
  }

  public double hours() {
    return Duration.between(startedAt, endedAt).toMillis() / 3_600_000.0;
  }

  /** Hours of each metered GPU over the run. */
  public double gpuHours() {
    return devices(Component.GPU) * hours();
  }

  /** Hours of each metered CPU package (or modelled CPU) over the run. */
  public double cpuHours() {
    return devices(Component.CPU) * hours();
  }

  private int devices(Component c) {
    return energy.stream().filter(l -> l.component() == c).mapToInt(Line::devices).sum();
  }

  /** True if some energy of {@code c} was measured or modelled. */
  public boolean measured(Component c) {
    return energy.stream().anyMatch(l -> l.component() == c);
  }

  public double itKwh(Component c) {
    return energy.stream().filter(l -> l.component() == c).mapToDouble(Line::itKwh).sum();
  }

  /** The run that finished its job after the job's deadline. */
  public boolean missedDeadline() {
    return "SUCCEEDED".equals(state) && deadline != null && endedAt.isAfter(deadline);
  }

  /** Every source named in the account (several join with a comma). */
  public List<String> sources() {
    if (intensitySource == null || intensitySource.isBlank()) {
      return List.of();
    }
    return List.of(intensitySource.split(", "));
  }
}
