package dev.carbonshift.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.config.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final DaemonConfig.Places PLACES = new DaemonConfig.Places(PROJECT, PROJECT);

  @TempDir Path dir;

  @Test
  void defaults_then_file_then_environment_then_flags_each_win_over_the_one_before()
      throws Exception {
    Path file = dir.resolve("daemon.yaml");
    Files.writeString(file, "port: 9000\nheartbeatEvery: 20s\nplanEvery: 2m\n");

    DaemonConfig c =
        DaemonConfig.load(
            Optional.of(file),
            Map.of("CARBONSHIFT_HEARTBEAT_EVERY", "15s", "CARBONSHIFT_PLAN_EVERY", "3m"),
            Map.of("planEvery", "4m"),
            PLACES);

    assertThat(c.port()).isEqualTo(9000);
    assertThat(c.heartbeatEvery()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.planEvery()).isEqualTo(Duration.ofMinutes(4));
    assertThat(c.shutdownWait()).isEqualTo(DaemonConfig.DEFAULT_SHUTDOWN_WAIT);
    assertThat(c.deadAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(c.db()).isEqualTo(PROJECT.resolve(DaemonConfig.DEFAULT_DB).toString());
  }

  @Test
  void an_impossible_setting_in_a_file_names_the_file_line_and_setting() throws Exception {
    Path file = dir.resolve("daemon.yaml");
    Files.writeString(file, "port: 9000\nheartbeatEvery: abc\n");

    assertThatThrownBy(() -> DaemonConfig.load(Optional.of(file), Map.of(), Map.of(), PLACES))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(file + ":2: heartbeatEvery: 'abc' is not a duration (e.g. 30s, 5m, PT1H)");
  }

  @Test
  void an_impossible_setting_from_the_environment_names_the_variable() {
    assertThatThrownBy(
            () ->
                DaemonConfig.load(
                    Optional.empty(), Map.of("CARBONSHIFT_PORT", "70000"), Map.of(), PLACES))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("port (CARBONSHIFT_PORT): must be between 0 and 65535, not 70000");
  }

  @Test
  void an_unknown_setting_in_a_file_is_refused_listing_the_known_ones() throws Exception {
    Path file = dir.resolve("daemon.yaml");
    Files.writeString(file, "heartbeat: 10s\n");

    assertThatThrownBy(() -> DaemonConfig.load(Optional.of(file), Map.of(), Map.of(), PLACES))
        .hasMessageContaining(file + ":1: heartbeat: unknown setting; known settings: ")
        .hasMessageContaining("heartbeatEvery");
  }

  @Test
  void the_effective_configuration_says_a_token_is_set_without_showing_it() {
    DaemonConfig c =
        DaemonConfig.defaults(
            Map.of("CARBONSHIFT_API_TOKEN", "s3cret-token-value", "CARBONSHIFT_DB_PASSWORD", "pw"),
            PLACES);

    assertThat(c.apiToken()).contains("s3cret-token-value");
    assertThat(c.describe())
        .contains("apiToken=set", "dbPassword=set", "heartbeatEvery=PT10S")
        .doesNotContain("s3cret", "pw,");
  }
}
