package dev.carbonshift.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** A sensor that answers from a script: constant power, or queued failures. */
final class ScriptedSensor implements Sensor {
  final String key;
  final Component component;
  final Method method;
  final double watts;
  Duration maxInterval = Duration.ofMinutes(10);
  final Deque<Supplier<RuntimeException>> failures = new ArrayDeque<>();
  RuntimeException failAlways;
  private final Instant openedAt;
  int polls;
  Runnable onPoll = () -> {};
  boolean closed;

  ScriptedSensor(String key, Component component, Method method, double watts, Instant openedAt) {
    this.key = key;
    this.component = component;
    this.method = method;
    this.watts = watts;
    this.openedAt = openedAt;
  }

  @Override
  public String key() {
    return key;
  }

  @Override
  public Component component() {
    return component;
  }

  @Override
  public Method method() {
    return method;
  }

  @Override
  public String detail() {
    return key + " at " + watts + " W";
  }

  @Override
  public Duration maxInterval() {
    return maxInterval;
  }

  @Override
  public SensorReading poll(Instant now) {
    polls++;
    onPoll.run();
    if (failAlways != null) {
      throw failAlways;
    }
    if (!failures.isEmpty()) {
      throw failures.poll().get();
    }
    double seconds = Duration.between(openedAt, now).toNanos() / 1e9;
    return new SensorReading(watts * seconds, watts, method, detail());
  }

  @Override
  public void close() {
    closed = true;
  }

  static SensorFactory factory(String name, Component c, Supplier<List<Sensor>> open) {
    return new SensorFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Component component() {
        return c;
      }

      @Override
      public SensorSet open(Instant now) {
        return new SensorSet(open.get(), List.of());
      }
    };
  }

  static SensorFactory unavailable(
      String name, Component c, SensorException.Kind kind, String why) {
    return factory(
        name,
        c,
        () -> {
          throw new SensorException(kind, why);
        });
  }
}
