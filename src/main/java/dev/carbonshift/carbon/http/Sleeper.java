package dev.carbonshift.carbon.http;

import java.time.Duration;

/** Waits between retries; tests pass one that records the wait instead of waiting. */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the calling thread; an interrupt ends the wait early and stays set. */
  Sleeper SYSTEM =
      d -> {
        try {
          Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      };

  void sleep(Duration duration);
}
