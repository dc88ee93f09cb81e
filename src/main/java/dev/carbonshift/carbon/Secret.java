package dev.carbonshift.carbon;

import java.util.Objects;

/**
 * A credential (token, password). Its {@link #toString()} never shows the value, so a secret that
 * slips into a log line, an exception or a record's string form stays hidden.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** A secret, or {@code null} when {@code value} is null or blank (the credential is absent). */
  public static Secret ofNullable(String value) {
    return value == null || value.isBlank() ? null : new Secret(value.trim());
  }

  /** The value itself, for the one place that sends it (a request header). */
  public String reveal() {
    return value;
  }

  /** Replaces every occurrence of this secret in {@code text}, for failure reasons. */
  public String redact(String text) {
    return text == null ? null : text.replace(value, "***");
  }

  @Override
  public String toString() {
    return "***";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }
}
