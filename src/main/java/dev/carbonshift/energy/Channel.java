package dev.carbonshift.energy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One component's sensors: the best factory that opened, and the weaker ones to fail over to when
 * it keeps failing during the run. Energy read before a failover is kept under its own method.
 */
final class Channel {
  private static final Logger log = LoggerFactory.getLogger(Channel.class);

  private final Component component;
  private final Deque<SensorFactory> fallbacks;
  private final int failoverAfter;
  private final List<String> notes;
  private final List<Slot> active = new ArrayList<>();
  private final List<ComponentEnergy> retired = new ArrayList<>();

  private Channel(
      Component component, List<SensorFactory> chain, int failoverAfter, List<String> notes) {
    this.component = component;
    this.fallbacks = new ArrayDeque<>(chain);
    this.failoverAfter = failoverAfter;
    this.notes = notes;
  }

  /** Opens the first factory of {@code chain} that works; notes every one that did not. */
  static Channel open(
      Component component,
      List<SensorFactory> chain,
      Instant now,
      int failoverAfter,
      List<String> notes) {
    Channel ch = new Channel(component, chain, failoverAfter, notes);
    ch.openNext(now); // each factory that did not open has said why in the notes
    return ch;
  }

  private boolean openNext(Instant now) {
    while (!fallbacks.isEmpty()) {
      SensorFactory f = fallbacks.poll();
      try {
        SensorSet set = f.open(now);
        set.notes().forEach(n -> notes.add(component + ": " + n));
        set.sensors().forEach(s -> active.add(new Slot(s, now)));
        return true;
      } catch (SensorException | UnsatisfiedLinkError e) {
        String kind = e instanceof SensorException se ? label(se.kind()) : "unavailable";
        String next = fallbacks.isEmpty() ? "" : " → falling back to " + fallbacks.peek().name();
        notes.add(component + ": " + f.name() + " " + kind + ": " + e.getMessage() + next);
      } catch (RuntimeException e) {
        log.warn("opening {} for {} failed unexpectedly", f.name(), component, e);
        notes.add(component + ": " + f.name() + " failed to open: " + e);
      }
    }
    return false;
  }

  private static String label(SensorException.Kind kind) {
    return switch (kind) {
      case UNAVAILABLE -> "unavailable";
      case PERMISSION_DENIED -> "permission denied";
      case DEVICE_LOST -> "device lost";
      case READ_FAILED -> "read failed";
    };
  }

  Duration maxInterval() {
    return active.stream()
        .map(s -> s.sensor.maxInterval())
        .min(Duration::compareTo)
        .orElse(Duration.ofDays(1));
  }

  List<Sensor> activeSensors() {
    return active.stream().map(s -> s.sensor).toList();
  }

  /** Polls every active sensor; a failed read keeps the last good one and never throws. */
  void poll(Instant now, Consumer<EnergySample> samples) {
    boolean failover = false;
    List<Slot> lost = new ArrayList<>();
    for (Slot slot : active) {
      try {
        SensorReading r = slot.sensor.poll(now);
        slot.good(r, now);
        samples.accept(
            new EnergySample(now, slot.sensor.key(), component, r.method(), r.joules(), r.watts()));
      } catch (SensorException e) {
        slot.failed(e.getMessage());
        if (e.kind() == SensorException.Kind.DEVICE_LOST) {
          lost.add(slot);
        }
        failover |= slot.consecutiveFailures >= failoverAfter || !lost.isEmpty();
      } catch (RuntimeException | LinkageError e) {
        slot.failed(e.toString());
        failover |= slot.consecutiveFailures >= failoverAfter;
      }
    }
    if (failover && !fallbacks.isEmpty()) {
      String why = describeFailures();
      notes.add(component + ": " + why + " at " + now + "; switched to " + fallbacks.peek().name());
      active.forEach(s -> retire(s, now));
      active.clear();
      if (!openNext(now)) {
        notes.add(component + ": no fallback could be opened; energy after " + now + " is missing");
      }
    } else {
      for (Slot slot : lost) {
        notes.add(
            component
                + ": "
                + slot.sensor.key()
                + " lost at "
                + now
                + " ("
                + slot.lastError
                + "); energy after its last good read is not counted");
        retire(slot, now);
        active.remove(slot);
      }
    }
  }

  private String describeFailures() {
    StringBuilder b = new StringBuilder();
    for (Slot s : active) {
      if (s.consecutiveFailures > 0) {
        b.append(b.length() == 0 ? "" : "; ")
            .append(s.sensor.key())
            .append(" failed ")
            .append(s.consecutiveFailures)
            .append(" reads in a row (")
            .append(s.lastError)
            .append(')');
      }
    }
    return b.toString();
  }

  private void retire(Slot slot, Instant now) {
    slot.energy(now, true).ifPresent(retired::add);
    try {
      slot.sensor.close();
    } catch (RuntimeException e) {
      log.debug("closing {} failed", slot.sensor.key(), e);
    }
  }

  /** Energy so far: retired sensors, then active ones; a sensor with no good read is left out. */
  List<ComponentEnergy> energies(Instant now) {
    List<ComponentEnergy> out = new ArrayList<>(retired);
    for (Slot s : active) {
      s.energy(now, false).ifPresent(out::add);
    }
    return out;
  }

  /** Sensors that never gave a good read after opening; said once, when the session stops. */
  void noteSilentSensors() {
    for (Slot s : active) {
      if (!s.hadGoodRead && s.polls > 0) {
        notes.add(
            component
                + ": "
                + s.sensor.key()
                + " gave no good read in "
                + s.polls
                + " tries ("
                + s.lastError
                + "); not counted rather than reported as 0");
      }
    }
  }

  void close() {
    for (Slot s : active) {
      try {
        s.sensor.close();
      } catch (RuntimeException e) {
        log.debug("closing {} failed", s.sensor.key(), e);
      }
    }
  }

  int failedReads() {
    return active.stream().mapToInt(s -> s.failures).sum();
  }
}
