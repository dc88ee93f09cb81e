package dev.carbonshift.report;

import java.util.Locale;
import java.util.function.Function;

/** What a report's rows may be grouped by; several combine into one key. */
public enum Dimension {
  TEAM(RunFact::team),
  MODEL(RunFact::model),
  REGION(RunFact::region),
  JOB(RunFact::jobName),
  MONTH(RunFact::month);

  private final Function<RunFact, String> key;

  Dimension(Function<RunFact, String> key) {
    this.key = key;
  }

  /** The run's value of this dimension; never null. */
  public String of(RunFact run) {
    String v = key.apply(run);
    return v == null || v.isBlank() ? "(none)" : v;
  }

  /** As the CLI and the CSV header spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
