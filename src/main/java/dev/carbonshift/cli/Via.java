package dev.carbonshift.cli;

import dev.carbonshift.daemon.Carbonshift;
import dev.carbonshift.daemon.api.DaemonClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

/**
 * Where {@code submit}, {@code status} and {@code cancel} go: to a daemon that answers at the
 * configured address, else (or with an explicit {@code --db}) straight to the store; they say which
 * on stderr, so their output stays the same either way.
 */
final class Via {
  /** A daemon on this machine answers in milliseconds; a closed port refuses at once. */
  static final Duration PROBE = Duration.ofMillis(500);

  private Via() {}

  static Optional<DaemonClient> daemon(Carbonshift cs, StoreOptions store, PrintWriter err) {
    if (store.db != null) {
      err.printf("(store %s, as --db says)%n", cs.config().db());
      err.flush();
      return Optional.empty();
    }
    Optional<DaemonClient> d = cs.daemonClient(PROBE);
    if (d.isPresent()) {
      err.printf("(via the daemon at %s)%n", d.get().base());
    } else {
      err.printf(
          "(no daemon at %s:%d; store %s)%n",
          cs.config().bind(), cs.config().port(), cs.config().db());
    }
    err.flush();
    return d;
  }
}
