package dev.carbonshift.energy.rapl;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorException;
import dev.carbonshift.energy.SensorException.Kind;
import dev.carbonshift.energy.SensorFactory;
import dev.carbonshift.energy.SensorSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Opens RAPL counters: every CPU package ({@code package-N} domains; {@code psys} and the core and
 * uncore sub-domains are left out because they overlap the packages), or the optional DRAM domains.
 */
public final class RaplSensors implements SensorFactory {

  /** Where Linux puts the powercap class. */
  public static final Path DEFAULT_ROOT = Path.of("/sys/class/powercap");

  private final Path root;
  private final PowercapReader reader;
  private final Component component;
  private final Predicate<String> wanted;

  private RaplSensors(
      Path root, PowercapReader reader, Component component, Predicate<String> wanted) {
    this.root = root;
    this.reader = reader;
    this.component = component;
    this.wanted = wanted;
  }

  /** CPU energy: the package domains. */
  public static RaplSensors packages(Path root, PowercapReader reader) {
    return new RaplSensors(root, reader, Component.CPU, n -> n.startsWith("package"));
  }

  /** RAM energy: the DRAM domains, where the CPU exposes them (many desktop CPUs do not). */
  public static RaplSensors dram(Path root, PowercapReader reader) {
    return new RaplSensors(root, reader, Component.RAM, "dram"::equals);
  }

  @Override
  public String name() {
    return component == Component.CPU ? "rapl" : "rapl-dram";
  }

  @Override
  public Component component() {
    return component;
  }

  @Override
  public SensorSet open(Instant now) {
    List<RaplDomain> domains = RaplDomain.find(root, reader, wanted);
    if (domains.isEmpty()) {
      String what = component == Component.CPU ? "package" : "dram";
      throw new SensorException(Kind.UNAVAILABLE, "no RAPL " + what + " domain under " + root);
    }
    List<Sensor> sensors = new ArrayList<>();
    for (RaplDomain d : domains) {
      sensors.add(new RaplSensor(d, component, reader, now));
    }
    return new SensorSet(sensors, List.of());
  }
}
