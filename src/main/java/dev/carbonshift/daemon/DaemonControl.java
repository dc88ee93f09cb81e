package dev.carbonshift.daemon;

import dev.carbonshift.store.StoredJob;
import java.time.Instant;

/** What only a running daemon can do for the HTTP API and the jobs folder. */
public interface DaemonControl extends AutoCloseable {

  /** A job was stored: plan it soon, or arm its schedule if it is recurring. */
  void submitted(StoredJob job);

  /** Cancels a job; a running one stops at its next checkpoint first. */
  StoredJob cancel(String jobId);

  Health health();

  /**
   * @param daemon the process that answers ({@code host:pid:start})
   * @param running trainings in progress in it
   */
  record Health(String daemon, Instant startedAt, int running, boolean stopping) {}

  @Override
  void close();
}
