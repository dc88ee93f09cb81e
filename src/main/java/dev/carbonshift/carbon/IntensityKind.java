package dev.carbonshift.carbon;

/** Whether an intensity value was forecast, measured after the fact, or estimated. */
public enum IntensityKind {
  FORECAST,
  ACTUAL,
  ESTIMATE
}
