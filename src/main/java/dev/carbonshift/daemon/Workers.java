package dev.carbonshift.daemon;

import dev.carbonshift.region.Region;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that train: one pool per region, as many threads as the region's capacity, so that no
 * more jobs run in a region at once than it holds. Triggers hand work here and return at once.
 */
final class Workers {
  private final Map<String, ThreadPoolExecutor> byRegion = new ConcurrentHashMap<>();

  void submit(Region region, Runnable work) {
    byRegion
        .computeIfAbsent(region.id(), id -> pool(id, Math.max(1, region.capacity())))
        .execute(work);
  }

  private static ThreadPoolExecutor pool(String region, int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor p =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "worker-" + region + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    p.allowCoreThreadTimeOut(true);
    return p;
  }

  /**
   * Takes no more work and waits up to {@code wait} for the work in progress, calling {@code tick}
   * between checks.
   */
  boolean stopAndWait(Duration wait, Duration tickEvery, Runnable tick)
      throws InterruptedException {
    byRegion.values().forEach(ExecutorService::shutdown);
    long deadline = System.nanoTime() + wait.toNanos();
    for (ExecutorService e : byRegion.values()) {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        if (e.awaitTermination(Math.min(left, tickEvery.toNanos()), TimeUnit.NANOSECONDS)) {
          break;
        }
        tick.run();
      }
    }
    return true;
  }
}
