package dev.carbonshift.report;

import java.time.Instant;
import java.util.List;

/**
 * A report, computed once and written in any format: its rows (one per group) and totals (the sum
 * of the rows), the methodology, SCI per run and per model version, and what the charts draw.
 *
 * @param runs the runs that ended in the period, oldest first
 * @param curve the intensity curve of one chosen run, or null when no run has one
 */
public record Report(
    ReportQuery query,
    Instant generatedAt,
    List<Row> rows,
    Figures totals,
    Methodology methodology,
    List<RunFact> runs,
    List<Sci.PerRun> sciRuns,
    List<Sci.PerVersion> sciVersions,
    List<Row> byMonth,
    List<Row> byTeam,
    List<Row> byRegion,
    Curve curve) {

  /** One group: its values of the query's dimensions, in the query's order. */
  public record Row(List<String> key, Figures figures) {}

  /**
   * A run's intensity curve around it: where it ran (and its home zone when that differs), the
   * window it ran in and the window it would have run in had it started at submission.
   */
  public record Curve(
      long runId,
      String job,
      String region,
      String zone,
      String home,
      String homeZone,
      Instant chosenStart,
      Instant chosenEnd,
      Instant runNowStart,
      Instant runNowEnd,
      List<Point> points,
      List<Point> homePoints) {}

  /** An intensity over {@code [start, end)}. */
  public record Point(Instant start, Instant end, double gramsPerKwh, String kind) {}

  public boolean noRuns() {
    return runs.isEmpty();
  }

  public String period() {
    return query.from() + " to " + query.to();
  }
}
