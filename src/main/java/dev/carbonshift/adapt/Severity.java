package dev.carbonshift.adapt;

/** How much a finding matters. */
public enum Severity {
  NONE,
  INFO,
  WARN,
  CRITICAL
}
