package dev.carbonshift.daemon;

import dev.carbonshift.daemon.schedule.Guard;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * This daemon's own periodic work when its triggers are clustered: Quartz fires a clustered trigger
 * on whichever daemon takes it, but a daemon's heartbeats are for its own runs, and its jobs folder
 * is its own. Periods are of the daemon's clock, fired on the timebase like Quartz's.
 */
final class LocalTimer implements AutoCloseable {
  private final Guard guard;
  private final Timebase timebase;
  private final Map<String, ScheduledFuture<?>> tasks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "carbonshift-local-timer");
            t.setDaemon(true);
            return t;
          });

  LocalTimer(Guard guard, Timebase timebase) {
    this.guard = guard;
    this.timebase = timebase;
  }

  /** Runs {@code task} through the guard every {@code period}, the first time after one period. */
  void every(String name, Duration period, Runnable task) {
    long ms = Math.max(1, timebase.toBase(period).toMillis());
    tasks.put(
        name,
        timer.scheduleAtFixedRate(
            () -> guard.run(name, d -> task.run(), Map.of()), ms, ms, TimeUnit.MILLISECONDS));
  }

  /** Stops one task, leaving the others (a stopping daemon still heartbeats). */
  void stopFiringTask(String name) {
    ScheduledFuture<?> f = tasks.remove(name);
    if (f != null) {
      f.cancel(false);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
