package dev.carbonshift.train;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Timestamps in datasets and descriptors: a date, a local date-time (UTC), or an ISO instant. */
final class Times {
  private Times() {}

  /** Parses a descriptor value; {@code field} names it in the error. */
  static LocalDateTime parse(String text, String field) {
    LocalDateTime t = tryParse(text);
    if (t == null) {
      throw new DatasetException(field + ": '" + text + "' is not a date or date-time");
    }
    return t;
  }

  static LocalDateTime parseCell(CsvTable table, CsvTable.Row row, int column) {
    String cell = row.cells().get(column).trim();
    LocalDateTime t = tryParse(cell);
    if (t == null) {
      throw DatasetException.at(
          table.file(), row.line(), column + 1, "the cell is not a date or date-time");
    }
    return t;
  }

  /** Every zone-less value is taken as UTC, as the bundled traces are. */
  private static LocalDateTime tryParse(String s) {
    String text = s.trim();
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay();
      }
      String iso = text.replace(' ', 'T');
      if (iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:\\d\\d$")) {
        return OffsetDateTime.parse(iso).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
      }
      return LocalDateTime.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
