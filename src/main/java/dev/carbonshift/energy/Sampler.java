package dev.carbonshift.energy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Polls every channel at once and keeps the samples; each tick survives any failing sensor. */
final class Sampler {
  private static final Logger log = LoggerFactory.getLogger(Sampler.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final List<Channel> channels;
  private final Clock clock;
  private final int samplesPerSeries;
  private final Map<String, SampleSeries> series = new LinkedHashMap<>();
  private Instant firstTick;
  private Instant lastTick;
  private long ticks;
  private long cpuNanos;

  Sampler(List<Channel> channels, Clock clock, int samplesPerSeries) {
    this.channels = List.copyOf(channels);
    this.clock = clock;
    this.samplesPerSeries = samplesPerSeries;
  }

  /** Polls all sensors now and returns the time of the poll. */
  synchronized Instant tick() {
    long cpu0 = threadCpuNanos();
    Instant now = clock.instant();
    for (Channel ch : channels) {
      try {
        ch.poll(now, this::record);
      } catch (RuntimeException e) {
        // Channel.poll already catches per sensor; this only guards against a bug there.
        log.warn("energy sampling of a channel failed; continuing", e);
      }
    }
    if (firstTick == null) {
      firstTick = now;
    }
    lastTick = now;
    ticks++;
    cpuNanos += Math.max(0, threadCpuNanos() - cpu0);
    return now;
  }

  private void record(EnergySample s) {
    series.computeIfAbsent(s.series(), k -> new SampleSeries(samplesPerSeries)).add(s);
  }

  synchronized List<ComponentEnergy> energies(Instant now) {
    List<ComponentEnergy> out = new ArrayList<>();
    channels.forEach(ch -> out.addAll(ch.energies(now)));
    return out;
  }

  synchronized List<EnergySample> samples() {
    List<EnergySample> out = new ArrayList<>();
    series.values().forEach(s -> out.addAll(s.snapshot()));
    out.sort(Comparator.comparing(EnergySample::at));
    return out;
  }

  synchronized SamplerStats stats() {
    Duration wall = firstTick == null ? Duration.ZERO : Duration.between(firstTick, lastTick);
    int failed = channels.stream().mapToInt(Channel::failedReads).sum();
    return new SamplerStats(ticks, Duration.ofNanos(cpuNanos), wall, failed);
  }

  private static long threadCpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
  }
}
