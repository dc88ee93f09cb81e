package dev.carbonshift.daemon.api;

import java.time.Duration;
import java.util.List;

/**
 * What {@code GET /health} answers, as the daemon sees itself.
 *
 * @param status {@link #OK} when the daemon is serving, else a short word such as {@code stopping}
 * @param daemonId the daemon that answered (host:pid:start)
 * @param liveDaemons the daemons sharing its store that checked in lately, itself included (only
 *     itself when it is alone on an H2 store)
 */
public record Health(
    String status, String daemonId, String version, Duration uptime, List<String> liveDaemons) {
  public static final String OK = "ok";

  public Health {
    liveDaemons = List.copyOf(liveDaemons);
  }

  /** A daemon alone on its store. */
  public Health(String status, String daemonId, String version, Duration uptime) {
    this(status, daemonId, version, uptime, List.of(daemonId));
  }

  public boolean ok() {
    return OK.equals(status);
  }
}
