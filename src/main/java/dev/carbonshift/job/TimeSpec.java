package dev.carbonshift.job;

import java.time.Duration;
import java.time.Instant;

/**
 * A point in time (deadline, earliest start) given either as an absolute instant or as a duration
 * after submission.
 */
public sealed interface TimeSpec {

  Instant resolve(Instant submittedAt);

  record At(Instant instant) implements TimeSpec {
    @Override
    public Instant resolve(Instant submittedAt) {
      return instant;
    }

    @Override
    public String toString() {
      return instant.toString();
    }
  }

  record After(Duration duration) implements TimeSpec {
    @Override
    public Instant resolve(Instant submittedAt) {
      return submittedAt.plus(duration);
    }

    @Override
    public String toString() {
      return duration.toString();
    }
  }
}
