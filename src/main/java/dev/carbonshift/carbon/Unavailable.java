package dev.carbonshift.carbon;

import java.util.Objects;

/**
 * A source could not give intensities for a zone.
 *
 * @param reason human-readable cause, naming the failure (never a credential)
 */
public record Unavailable(String zone, String source, String reason) implements ForecastResult {
  public Unavailable {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }
}
