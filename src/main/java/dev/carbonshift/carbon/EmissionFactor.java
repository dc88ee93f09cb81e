package dev.carbonshift.carbon;

/** Which emission factors an intensity was computed with. */
public enum EmissionFactor {
  /** Combustion only (Electricity Maps "direct"). */
  DIRECT,
  /** Life-cycle assessment factors (Electricity Maps "lifecycle", IPCC LCA). */
  LIFECYCLE
}
