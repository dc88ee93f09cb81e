package dev.carbonshift.report;

import java.time.Instant;

/**
 * A stored model version as reports read it.
 *
 * @param kwh IT kWh of every run of the job that trained it (as the registry sums them)
 * @param rowFrom first training row (line) of its dataset, {@code rowTo} the last
 */
public record VersionFact(
    long id,
    String name,
    int version,
    String parentName,
    Integer parentVersion,
    String strategy,
    String jobId,
    long rowFrom,
    long rowTo,
    double kwh,
    Instant createdAt) {

  public String ref() {
    return name + ":v" + version;
  }

  public long rows() {
    return rowTo - rowFrom + 1;
  }

  public boolean scratch() {
    return "SCRATCH".equals(strategy);
  }
}
