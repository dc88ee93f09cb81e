package dev.carbonshift.daemon.api;

import java.util.Optional;

/**
 * How the HTTP API listens. Impossible settings fail here, naming the setting; the token is never
 * printed by {@link #toString()}, so the effective configuration can be logged as it is.
 *
 * @param bind address to listen on; loopback unless the caller decides otherwise
 * @param port TCP port, 0 for a free one chosen by the system
 * @param token bearer token required on mutating calls, and on any bind other than loopback
 * @param maxBodyBytes largest request body accepted; larger ones get 413
 */
public record ApiSettings(String bind, int port, Optional<String> token, long maxBodyBytes) {
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

  /** The environment variable the caller reads the token from; named in refusals. */
  public static final String TOKEN_ENV = "CARBONSHIFT_API_TOKEN";

  // The body is buffered in one array before it is parsed.
  private static final long LARGEST_BODY_BYTES = Integer.MAX_VALUE - 16;

  public ApiSettings {
    if (bind == null || bind.isBlank()) {
      throw new IllegalArgumentException("api bind: give an address such as " + DEFAULT_BIND);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("api port: must be 0..65535 (0 = any free), got " + port);
    }
    token = token == null ? Optional.empty() : token;
    if (token.isPresent() && !token.get().matches("[\\x21-\\x7e]+")) {
      throw new IllegalArgumentException(
          "api token (" + TOKEN_ENV + "): must be non-empty printable ASCII without spaces");
    }
    if (maxBodyBytes < 1 || maxBodyBytes > LARGEST_BODY_BYTES) {
      throw new IllegalArgumentException(
          "api maxBodyBytes: must be 1.." + LARGEST_BODY_BYTES + ", got " + maxBodyBytes);
    }
  }

  /** Loopback on the default port, no token, 1 MiB bodies. */
  public static ApiSettings defaults() {
    return new ApiSettings(DEFAULT_BIND, DEFAULT_PORT, Optional.empty(), DEFAULT_MAX_BODY_BYTES);
  }

  public ApiSettings withPort(int newPort) {
    return new ApiSettings(bind, newPort, token, maxBodyBytes);
  }

  public ApiSettings withBind(String newBind) {
    return new ApiSettings(newBind, port, token, maxBodyBytes);
  }

  public ApiSettings withToken(String newToken) {
    return new ApiSettings(bind, port, Optional.of(newToken), maxBodyBytes);
  }

  public ApiSettings withMaxBodyBytes(long newMax) {
    return new ApiSettings(bind, port, token, newMax);
  }

  @Override
  public String toString() {
    return "ApiSettings[bind="
        + bind
        + ", port="
        + port
        + ", token="
        + (token.isPresent() ? "(set)" : "(none)")
        + ", maxBodyBytes="
        + maxBodyBytes
        + "]";
  }
}
