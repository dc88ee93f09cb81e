package dev.carbonshift.daemon.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <token>}. Both sides are hashed first so the comparison takes
 * the same time whatever the length or content of the guess.
 */
final class Bearer {
  private static final String SCHEME = "bearer ";

  private final Optional<byte[]> expected;

  Bearer(Optional<String> token) {
    this.expected = token.map(Bearer::sha256);
  }

  boolean required() {
    return expected.isPresent();
  }

  boolean accepts(String authorization) {
    if (expected.isEmpty()) {
      return true;
    }
    if (authorization == null
        || authorization.length() <= SCHEME.length()
        || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return false;
    }
    byte[] given = sha256(authorization.substring(SCHEME.length()).strip());
    return MessageDigest.isEqual(expected.get(), given);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
