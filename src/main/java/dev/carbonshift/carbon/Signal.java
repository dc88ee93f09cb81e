package dev.carbonshift.carbon;

/**
 * What an intensity value means. Average intensity (Electricity Maps, UK grid, traces) and marginal
 * intensity (WattTime MOER) answer different questions and must not be ranked against each other
 * without an explicit setting.
 */
public enum Signal {
  AVERAGE,
  MARGINAL
}
