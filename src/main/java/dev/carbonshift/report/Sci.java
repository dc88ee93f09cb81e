package dev.carbonshift.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Software Carbon Intensity per run and per trained model version, in kgCO2e per unit. */
public final class Sci {
  private Sci() {}

  /**
   * One run: R = the run.
   *
   * @param kgPerRun null when the run's emissions are unknown
   */
  public record PerRun(
      long runId,
      String job,
      String state,
      String version,
      double facilityKwh,
      Double operationalKgCo2e,
      double embodiedKgCo2e,
      Double kgPerRun) {}

  /**
   * One model version: R = the version; every run of its job counts.
   *
   * @param complete false when some run's emissions are unknown (the figure is then a lower bound)
   */
  public record PerVersion(
      String version,
      String strategy,
      String job,
      long runs,
      long unfinishedRuns,
      double facilityKwh,
      double operationalKgCo2e,
      double embodiedKgCo2e,
      double kgPerVersion,
      boolean complete) {}

  static PerRun run(RunFact r, String version, Embodied e) {
    double m = e.kg(r.gpuHours(), r.cpuHours());
    return new PerRun(
        r.runId(),
        r.jobName(),
        r.state(),
        version,
        r.facilityKwh() == null ? 0 : r.facilityKwh(),
        r.kgCo2e(),
        m,
        r.kgCo2e() == null ? null : r.kgCo2e() + m);
  }

  /** Versions produced by a run in the period, each charged with all the runs of its job. */
  static List<PerVersion> versions(List<RunFact> runs, List<VersionFact> versions, Embodied e) {
    Map<String, List<RunFact>> byJob = new LinkedHashMap<>();
    runs.forEach(r -> byJob.computeIfAbsent(r.jobId(), k -> new ArrayList<>()).add(r));
    List<PerVersion> out = new ArrayList<>();
    for (VersionFact v : versions) {
      List<RunFact> mine = v.jobId() == null ? List.of() : byJob.getOrDefault(v.jobId(), List.of());
      if (mine.stream()
          .noneMatch(r -> r.inPeriod() && Long.valueOf(v.id()).equals(r.modelVersionId()))) {
        continue;
      }
      double kwh = 0;
      double kg = 0;
      double m = 0;
      long unfinished = 0;
      boolean complete = true;
      for (RunFact r : mine) {
        kwh += r.facilityKwh() == null ? 0 : r.facilityKwh();
        if (r.kgCo2e() == null) {
          complete = false;
        } else {
          kg += r.kgCo2e();
        }
        m += e.kg(r.gpuHours(), r.cpuHours());
        unfinished += "SUCCEEDED".equals(r.state()) ? 0 : 1;
      }
      out.add(
          new PerVersion(
              v.ref(),
              v.strategy().toLowerCase(java.util.Locale.ROOT),
              mine.get(0).jobName(),
              mine.size(),
              unfinished,
              kwh,
              kg,
              m,
              kg + m,
              complete));
    }
    return out;
  }
}
