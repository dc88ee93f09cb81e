package dev.carbonshift.sim;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The scheduling rules a workload can be replayed under. */
public enum Policy {
  /** Every job at once at home: the baseline. */
  RUN_NOW("run-now"),
  /** Carbonshift's planner, online: re-plans jobs not yet started as forecasts are issued. */
  CARBON_AWARE("carbon-aware"),
  /**
   * As {@link #CARBON_AWARE}, also pricing scarce capacity by the arrivals the past of the stream
   * leads it to expect ({@link dev.carbonshift.plan.Anticipation}).
   */
  ANTICIPATING("carbon-aware-anticipating"),
  /** Carbon Aware SDK / Let's Wait Awhile: start at the argmin of the rolling mean, at home. */
  WINDOW_ARGMIN("window-argmin"),
  /** Let's Wait Awhile, interruptible: the N lowest slots before the deadline, at home. */
  LOWEST_SLOTS("lowest-slots"),
  /** Offline: knows every arrival and the actual intensities. */
  ORACLE("oracle");

  private final String label;

  Policy(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public static Policy parse(String text) {
    for (Policy p : values()) {
      if (p.label.equals(text)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "--policy must be one of "
            + Arrays.stream(values()).map(Policy::label).collect(Collectors.joining(", "))
            + ", got "
            + text);
  }
}
