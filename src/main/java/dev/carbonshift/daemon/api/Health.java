package dev.carbonshift.daemon.api;

import java.time.Duration;

/**
 * What {@code GET /health} answers, as the daemon sees itself.
 *
 * @param status {@link #OK} when the daemon is serving, else a short word such as {@code stopping}
 */
public record Health(String status, String daemonId, String version, Duration uptime) {
  public static final String OK = "ok";

  public boolean ok() {
    return OK.equals(status);
  }
}
