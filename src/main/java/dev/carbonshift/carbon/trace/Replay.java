package dev.carbonshift.carbon.trace;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.ZoneOffset;

/** How a past trace stands in for the present: which trace instant answers for a real one. */
public sealed interface Replay permits Replay.SameDayOfYear, Replay.FixedOffset {

  /** The trace instant for {@code t}, or null when the trace has nothing for it. */
  Instant map(Trace trace, Instant t);

  /** Words for the provenance note, e.g. {@code at 2022 day-of-year}. */
  String describe(Trace trace, Instant t);

  /**
   * The same month, day and time of day in a year the trace covers, the latest such year first. A
   * 29 February maps to the 28th in years without one; a window across New Year wraps to the start
   * of the trace's year when the trace holds only one year.
   */
  record SameDayOfYear() implements Replay {
    @Override
    public Instant map(Trace trace, Instant t) {
      LocalDateTime when = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
      int first = trace.start().atZone(ZoneOffset.UTC).getYear();
      int last = trace.end().minusSeconds(1).atZone(ZoneOffset.UTC).getYear();
      for (int y = last; y >= first; y--) {
        int day = when.getDayOfMonth();
        if (when.getMonthValue() == 2 && day == 29 && !Year.isLeap(y)) {
          day = 28;
        }
        Instant m =
            LocalDateTime.of(y, when.getMonthValue(), day, 0, 0)
                .plusNanos(when.toLocalTime().toNanoOfDay())
                .toInstant(ZoneOffset.UTC);
        if (trace.indexAt(m.getEpochSecond()) >= 0) {
          return m;
        }
      }
      return null;
    }

    @Override
    public String describe(Trace trace, Instant t) {
      Instant m = map(trace, t);
      return m == null
          ? "at the same day-of-year"
          : "at " + m.atZone(ZoneOffset.UTC).getYear() + " day-of-year";
    }

    @Override
    public String toString() {
      return "at the same day-of-year";
    }
  }

  /**
   * The instant {@code back} earlier; outside the trace, wrapped around its span so that any
   * instant finds a value.
   */
  record FixedOffset(Duration back) implements Replay {
    @Override
    public Instant map(Trace trace, Instant t) {
      long start = trace.start().getEpochSecond();
      long span = trace.end().getEpochSecond() - start;
      long m = t.minus(back).getEpochSecond();
      return Instant.ofEpochSecond(start + Math.floorMod(m - start, span), t.getNano());
    }

    @Override
    public String describe(Trace trace, Instant t) {
      return "shifted back by " + back;
    }

    @Override
    public String toString() {
      return "shifted back by " + back;
    }
  }
}
