package dev.carbonshift.report;

import java.util.Locale;

/**
 * How a report is written: CSV, JSON and the CodeCarbon export for machines (fixed base units named
 * in the column), HTML for people (human units, charts).
 */
public enum ReportFormat {
  CSV("text/csv; charset=utf-8"),
  JSON("application/json"),
  HTML("text/html; charset=utf-8"),
  /** The runs as CodeCarbon's {@code emissions.csv}, one row per run. */
  CODECARBON("text/csv; charset=utf-8");

  private final String contentType;

  ReportFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
