package dev.carbonshift.carbon;

import java.util.Collection;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A credential (token, password). Its {@link #toString()} never shows the value, so a secret that
 * slips into a log line, an exception or a record's string form stays hidden.
 */
public final class Secret {
  private final String value;
  private final Pattern anyCase;

  private Secret(String value) {
    this.value = value;
    // servers echo credentials re-cased (an upper-cased token in an error body), so match any case
    this.anyCase =
        Pattern.compile(Pattern.quote(value), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** A secret, or {@code null} when {@code value} is null or blank (the credential is absent). */
  public static Secret ofNullable(String value) {
    return value == null || value.isBlank() ? null : new Secret(value.trim());
  }

  /** The value itself, for the one place that sends it (a request header). */
  public String reveal() {
    return value;
  }

  /** Replaces every occurrence of this secret in {@code text}, in any case, for failure reasons. */
  public String redact(String text) {
    return text == null ? null : anyCase.matcher(text).replaceAll(Matcher.quoteReplacement("***"));
  }

  /**
   * The one redaction routine: {@code text} with every one of {@code secrets} replaced, in any
   * case. Nulls among the secrets (absent credentials) are skipped.
   */
  public static String redactAll(String text, Collection<Secret> secrets) {
    String out = text;
    for (Secret s : secrets) {
      if (s != null) {
        out = s.redact(out);
      }
    }
    return out;
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
