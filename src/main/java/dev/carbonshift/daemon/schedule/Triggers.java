package dev.carbonshift.daemon.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The daemon's scheduler, kept small so that Quartz stays behind it: named tasks fired once at an
 * instant of the daemon's clock, or every period. Triggers are durable (they survive a restart in
 * the store) and identified by a key; scheduling a key again replaces its trigger, which is what
 * coalesces repeated requests (e.g. "plan soon" after each of many submissions).
 *
 * <p>A trigger missed while the daemon was down fires once as soon as it is back; each task decides
 * from its data what a late firing means (a late start re-plans, a late cron submits once).
 */
public interface Triggers extends AutoCloseable {

  /** What a trigger runs: the data it was scheduled with. */
  @FunctionalInterface
  interface Task {
    void run(Map<String, String> data) throws Exception;
  }

  /** Fires {@code task} once at {@code when} (now if it has passed), replacing {@code key}. */
  void at(String key, String task, Instant when, Map<String, String> data);

  /** Fires {@code task} every {@code period}, the first time after one period. */
  void every(String key, String task, Duration period);

  /** True while {@code key} has a trigger still to fire. */
  boolean exists(String key);

  /** Removes {@code key}'s trigger, if any. */
  void cancel(String key);

  /**
   * The daemons that share these triggers and checked in lately, by name; empty where the scheduler
   * is not clustered (the daemon is then alone).
   */
  default List<String> liveDaemons() {
    return List.of();
  }

  /** Starts firing; triggers scheduled before start fire from then on. */
  void start();

  /** Stops firing new triggers; waits for tasks in progress. */
  @Override
  void close();
}
