package dev.carbonshift.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A measurement by a {@link CompositeMeter}: sensors polled on a background thread at a fixed rate,
 * and once more on every {@link #read()} and on {@link #stop()}.
 */
public final class SampledSession implements EnergyMeter.Session {
  private static final Logger log = LoggerFactory.getLogger(SampledSession.class);
  private static final Duration FIRST_POLL = Duration.ofMillis(100);

  private final List<Channel> channels;
  private final Sampler sampler;
  private final Instant startedAt;
  private final Duration interval;
  private final List<String> notes;
  private final ScheduledExecutorService executor;
  private EnergyReading last;

  SampledSession(
      List<Channel> channels,
      Sampler sampler,
      Instant startedAt,
      Duration interval,
      List<String> notes,
      boolean background) {
    this.channels = channels;
    this.sampler = sampler;
    this.startedAt = startedAt;
    this.interval = interval;
    this.notes = notes;
    this.executor = background ? startThread() : null;
  }

  private ScheduledExecutorService startThread() {
    ScheduledThreadPoolExecutor ex =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "carbonshift-energy-sampler");
              t.setDaemon(true);
              return t;
            });
    // stop() polls once more itself; nothing queued may run after it
    ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    ex.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
    long nanos = interval.toNanos();
    // An early first poll catches commands shorter than one interval (their memory, a GPU's power).
    long first = Math.min(nanos, FIRST_POLL.toNanos());
    ex.schedule(this::guardedTick, first, TimeUnit.NANOSECONDS);
    ex.scheduleAtFixedRate(this::guardedTick, nanos, nanos, TimeUnit.NANOSECONDS);
    return ex;
  }

  private void guardedTick() {
    try {
      sampler.tick();
    } catch (Throwable t) { // a thrown error would silently cancel every later tick
      log.error("energy sampler tick failed; sampling continues", t);
    }
  }

  /** Polls the sensors now (for tests and callers driving time themselves). */
  public void sampleNow() {
    if (last == null) {
      sampler.tick();
    }
  }

  @Override
  public synchronized EnergyReading read() {
    if (last != null) {
      return last;
    }
    return readingAt(sampler.tick());
  }

  @Override
  public synchronized EnergyReading stop() {
    if (last != null) {
      return last;
    }
    if (executor != null) {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
          log.warn("energy sampler did not stop within 10 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Instant end = sampler.tick();
    channels.forEach(Channel::noteSilentSensors);
    last = readingAt(end);
    channels.forEach(Channel::close);
    return last;
  }

  private EnergyReading readingAt(Instant now) {
    return new EnergyReading(Duration.between(startedAt, now), sampler.energies(now));
  }

  public Instant startedAt() {
    return startedAt;
  }

  @Override
  public Duration samplingInterval() {
    return interval;
  }

  @Override
  public List<EnergySample> samples() {
    return sampler.samples();
  }

  @Override
  public List<String> notes() {
    synchronized (notes) { // a synchronized list, shared with the sampler thread
      return List.copyOf(notes);
    }
  }

  public SamplerStats stats() {
    return sampler.stats();
  }
}
