package dev.carbonshift.plan;

import java.time.Duration;
import java.time.Instant;

/** One uninterrupted stretch of a job's run, {@code [start, end)}. */
public record Slice(Instant start, Instant end) {
  public Slice {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("slice must end after it starts: " + start);
    }
  }

  public Duration length() {
    return Duration.between(start, end);
  }
}
