package dev.carbonshift.energy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Measures each component with the best sensor that works here, in the order given (e.g. CPU: RAPL,
 * then the model), samples them on a background thread, and fails over to the next one if a sensor
 * keeps failing during the run. Every choice and fallback is recorded in the session's notes; each
 * component's energy carries its method.
 */
public final class CompositeMeter implements EnergyMeter {

  /**
   * @param interval sampling interval; shortened when a sensor needs it (power integration ≤ 1 s,
   *     RAPL wrap period)
   * @param backgroundThread whether to sample on a thread; tests turn it off and call {@link
   *     SampledSession#sampleNow()}
   * @param failoverAfter consecutive failed reads after which a component switches to its fallback
   * @param samplesPerSeries bound on the samples kept per sensor
   */
  public record Config(
      Duration interval,
      Clock clock,
      boolean backgroundThread,
      int failoverAfter,
      int samplesPerSeries) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    public Config {
      if (interval == null || interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException(
            "energy sampling interval must be positive, e.g. 1s: " + interval);
      }
      if (failoverAfter < 1) {
        throw new IllegalArgumentException("failoverAfter must be at least 1: " + failoverAfter);
      }
    }

    public static Config defaults() {
      return new Config(DEFAULT_INTERVAL, new MonotonicClock(), true, 3, 1000);
    }

    public Config withInterval(Duration d) {
      return new Config(d, clock, backgroundThread, failoverAfter, samplesPerSeries);
    }

    public Config withClock(Clock c, boolean background) {
      return new Config(interval, c, background, failoverAfter, samplesPerSeries);
    }
  }

  private final Map<Component, List<SensorFactory>> chains;
  private final Config config;

  /** {@code chains}: for each component, its factories from best to last resort. */
  public CompositeMeter(Map<Component, List<SensorFactory>> chains, Config config) {
    this.chains = new LinkedHashMap<>();
    chains.forEach((c, list) -> this.chains.put(c, List.copyOf(list)));
    this.config = config;
  }

  @Override
  public String name() {
    return chains.entrySet().stream()
        .map(
            e ->
                e.getKey().name().toLowerCase(java.util.Locale.ROOT)
                    + ":"
                    + e.getValue().stream()
                        .map(SensorFactory::name)
                        .collect(Collectors.joining(">")))
        .collect(Collectors.joining(","));
  }

  @Override
  public SampledSession start() {
    Instant now = config.clock().instant();
    List<String> notes = Collections.synchronizedList(new ArrayList<>());
    List<Channel> channels = new ArrayList<>();
    chains.forEach(
        (component, chain) ->
            channels.add(Channel.open(component, chain, now, config.failoverAfter(), notes)));
    Duration interval = effectiveInterval(channels, notes);
    Sampler sampler = new Sampler(channels, config.clock(), config.samplesPerSeries());
    return new SampledSession(channels, sampler, now, interval, notes, config.backgroundThread());
  }

  private Duration effectiveInterval(List<Channel> channels, List<String> notes) {
    Duration interval = config.interval();
    if (interval.compareTo(Config.MIN_INTERVAL) < 0) {
      notes.add("sampling interval " + interval + " raised to " + Config.MIN_INTERVAL);
      interval = Config.MIN_INTERVAL;
    }
    for (Channel ch : channels) {
      for (Sensor s : ch.activeSensors()) {
        Duration max = s.maxInterval();
        if (max.compareTo(interval) < 0) {
          notes.add(
              "sampling every "
                  + human(max)
                  + " instead of "
                  + human(interval)
                  + ": "
                  + s.key()
                  + " needs it ("
                  + s.method().label()
                  + ")");
          interval = max.compareTo(Config.MIN_INTERVAL) < 0 ? Config.MIN_INTERVAL : max;
        }
      }
    }
    return interval;
  }

  static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
