package dev.carbonshift.energy.rapl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.Method;
import dev.carbonshift.energy.Sensor;
import dev.carbonshift.energy.SensorException;
import dev.carbonshift.energy.SensorReading;
import dev.carbonshift.testing.TestClock;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RAPL against a fake powercap tree laid out like {@code /sys/class/powercap}. */
class RaplSensorsTest {
  static final long INTEL_RANGE_UJ = 262_143_328_850L;

  @TempDir Path root;
  private final TestClock clock = new TestClock();

  @BeforeEach
  void twoPackagesWithDram() throws IOException {
    domain("intel-rapl:0", "package-0", 1_000_000, INTEL_RANGE_UJ);
    domain("intel-rapl:0:0", "core", 500_000, INTEL_RANGE_UJ);
    domain("intel-rapl:0:1", "dram", 2_000_000, 65_712_999_613L);
    domain("intel-rapl:1", "package-1", 3_000_000, INTEL_RANGE_UJ);
    domain("intel-rapl:2", "psys", 9_000_000, INTEL_RANGE_UJ);
    Files.createDirectories(root.resolve("intel-rapl-mmio:0"));
  }

  private void domain(String dir, String name, long energy, long max) throws IOException {
    Path d = Files.createDirectories(root.resolve(dir));
    Files.writeString(d.resolve("name"), name + "\n");
    Files.writeString(d.resolve("energy_uj"), energy + "\n");
    Files.writeString(d.resolve("max_energy_range_uj"), max + "\n");
  }

  private void energy(String dir, long uj) throws IOException {
    Files.writeString(root.resolve(dir).resolve("energy_uj"), uj + "\n");
  }

  @Test
  void opens_package_domains_only_and_reads_counter_deltas() throws IOException {
    List<Sensor> sensors =
        RaplSensors.packages(root, PowercapReader.FILES).open(clock.instant()).sensors();
    assertThat(sensors).extracting(Sensor::key).containsExactly("rapl:package-0", "rapl:package-1");
    assertThat(sensors).allSatisfy(s -> assertThat(s.component()).isEqualTo(Component.CPU));

    energy("intel-rapl:0", 1_000_000 + 45_500_000);
    energy("intel-rapl:1", 3_000_000 + 30_000_000);
    clock.advanceSeconds(1);
    SensorReading p0 = sensors.get(0).poll(clock.instant());
    SensorReading p1 = sensors.get(1).poll(clock.instant());

    assertThat(p0.joules()).isCloseTo(45.5, within(1e-9));
    assertThat(p0.watts()).isCloseTo(45.5, within(1e-9));
    assertThat(p0.method()).isEqualTo(Method.COUNTER);
    assertThat(p1.joules()).isCloseTo(30.0, within(1e-9));
  }

  @Test
  void wrap_around_is_unwrapped_with_max_energy_range() throws IOException {
    energy("intel-rapl:0", INTEL_RANGE_UJ - 10_000_000);
    Sensor pkg =
        RaplSensors.packages(root, PowercapReader.FILES).open(clock.instant()).sensors().get(0);

    energy("intel-rapl:0", 5_000_000); // 10 J to the top, wrapped, then 5 J more
    clock.advanceSeconds(1);
    SensorReading r = pkg.poll(clock.instant());

    assertThat(r.joules()).isCloseTo(15.0, within(1e-6));
    assertThat(r.detail()).contains("1 wrap(s)");
    energy("intel-rapl:0", 8_000_000);
    clock.advanceSeconds(1);
    assertThat(pkg.poll(clock.instant()).joules()).isCloseTo(18.0, within(1e-6));
  }

  @Test
  void polling_interval_is_short_enough_never_to_miss_a_wrap() throws IOException {
    domain("intel-rapl:0", "package-0", 0, 4_294_967_295L); // AMD-style 32-bit range, ~4.3 kJ
    Sensor pkg =
        RaplSensors.packages(root, PowercapReader.FILES).open(clock.instant()).sensors().get(0);
    // at a generous 1 kW the counter wraps in 4.3 s; poll at least twice per wrap
    assertThat(pkg.maxInterval()).isLessThanOrEqualTo(Duration.ofMillis(2148));
    assertThat(pkg.maxInterval()).isGreaterThan(Duration.ofMillis(1000));
  }

  @Test
  void dram_domains_are_opened_for_ram() {
    List<Sensor> sensors =
        RaplSensors.dram(root, PowercapReader.FILES).open(clock.instant()).sensors();
    assertThat(sensors).extracting(Sensor::key).containsExactly("rapl:dram-0");
    assertThat(sensors.get(0).component()).isEqualTo(Component.RAM);
  }

  @Test
  void permission_denied_is_reported_as_such_with_the_fix() {
    PowercapReader nonRoot =
        file -> {
          if (file.endsWith("energy_uj")) {
            throw new AccessDeniedException(file.toString());
          }
          return Files.readString(file);
        };
    assertThatThrownBy(() -> RaplSensors.packages(root, nonRoot).open(clock.instant()))
        .isInstanceOfSatisfying(
            SensorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(SensorException.Kind.PERMISSION_DENIED);
              assertThat(e.getMessage())
                  .contains("permission denied", "intel-rapl:0/energy_uj", "root-only");
            });
  }

  @Test
  void a_directory_where_energy_uj_should_be_is_a_read_failure() throws IOException {
    Path file = root.resolve("intel-rapl:0").resolve("energy_uj");
    Files.delete(file);
    Files.createDirectory(file); // unreadable even as root
    assertThatThrownBy(() -> RaplSensors.packages(root, PowercapReader.FILES).open(clock.instant()))
        .isInstanceOfSatisfying(
            SensorException.class,
            e -> assertThat(e.kind()).isEqualTo(SensorException.Kind.READ_FAILED));
  }

  @Test
  void no_powercap_folder_is_unavailable() {
    assertThatThrownBy(
            () ->
                RaplSensors.packages(root.resolve("missing"), PowercapReader.FILES)
                    .open(clock.instant()))
        .isInstanceOfSatisfying(
            SensorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(SensorException.Kind.UNAVAILABLE);
              assertThat(e.getMessage()).contains("no powercap interface");
            });
  }

  @Test
  void a_read_that_fails_mid_run_throws_and_the_next_one_catches_up() throws IOException {
    boolean[] fail = {false};
    PowercapReader flaky =
        file -> {
          if (fail[0] && file.endsWith("energy_uj")) {
            throw new IOException("EIO");
          }
          return Files.readString(file);
        };
    Sensor pkg = RaplSensors.packages(root, flaky).open(clock.instant()).sensors().get(0);
    fail[0] = true;
    assertThatThrownBy(() -> pkg.poll(clock.instant()))
        .isInstanceOfSatisfying(
            SensorException.class,
            e -> assertThat(e.kind()).isEqualTo(SensorException.Kind.READ_FAILED));
    fail[0] = false;
    energy("intel-rapl:0", 1_000_000 + 20_000_000);
    clock.advanceSeconds(2);
    assertThat(pkg.poll(clock.instant()).joules()).isCloseTo(20.0, within(1e-9));
  }
}
