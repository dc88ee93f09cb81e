package dev.carbonshift.carbon.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.carbon.Secret;
import dev.carbonshift.carbon.trace.Replay;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourcesConfigTest {

  @Test
  void no_settings_leave_every_keyed_or_self_hosted_source_unconfigured() {
    SourcesConfig c = SourcesConfig.from(Map.of());

    assertThat(c.notConfigured("electricitymaps"))
        .contains("not configured (set ELECTRICITYMAPS_API_TOKEN)");
    assertThat(c.notConfigured("watttime")).isPresent();
    assertThat(c.notConfigured("ukgrid")).get().asString().contains("CARBONSHIFT_UKGRID_URL");
    assertThat(c.notConfigured("casdk")).isPresent();
    assertThat(c.notConfigured("trace")).isEmpty();
    assertThat(c.replay()).isEqualTo(new Replay.SameDayOfYear());
  }

  @Test
  void credentials_never_show_in_the_string_forms() {
    SourcesConfig c =
        SourcesConfig.from(
            Map.of(
                "ELECTRICITYMAPS_API_TOKEN",
                "tok-123456",
                "WATTTIME_USERNAME",
                "alice",
                "WATTTIME_PASSWORD",
                "pw-987654"));

    assertThat(c.toString()).doesNotContain("tok-123456").doesNotContain("pw-987654");
    assertThat(c.describe()).doesNotContain("tok-123456").doesNotContain("pw-987654");
    assertThat(c.secrets())
        .extracting(Secret::reveal)
        .containsExactly("tok-123456", "alice", "pw-987654");
    assertThat(c.source("watttime").orElseThrow().secrets())
        .extracting(Secret::reveal)
        .containsExactly("alice", "pw-987654");
  }

  @Test
  void urls_timeouts_attempts_and_factors_come_from_the_settings() {
    SourcesConfig c =
        SourcesConfig.from(
            Map.of(
                "CARBONSHIFT_UKGRID_URL", "http://localhost:9999/ci",
                "CARBONSHIFT_UKGRID_TIMEOUT", "30s",
                "CARBONSHIFT_UKGRID_ATTEMPTS", "5",
                "CARBONSHIFT_ELECTRICITYMAPS_EMISSION_FACTOR", "direct",
                "CARBONSHIFT_TRACE_REPLAY", "offset:1461d"));

    assertThat(c.source("ukgrid").orElseThrow().endpoint().baseUrl().toString())
        .isEqualTo("http://localhost:9999/ci");
    assertThat(c.source("ukgrid").orElseThrow().endpoint().responseTimeout())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(c.source("ukgrid").orElseThrow().endpoint().maxAttempts()).isEqualTo(5);
    assertThat(c.replay()).isEqualTo(new Replay.FixedOffset(Duration.ofDays(1461)));
    assertThat(c.notConfigured("ukgrid")).isEmpty();
  }

  @Test
  void an_impossible_setting_fails_naming_the_setting_and_the_fix() {
    assertThatThrownBy(() -> SourcesConfig.from(Map.of("CARBONSHIFT_CASDK_URL", "ftp://x")))
        .hasMessageStartingWith("CARBONSHIFT_CASDK_URL: ")
        .hasMessageContaining("http://");
    assertThatThrownBy(() -> SourcesConfig.from(Map.of("CARBONSHIFT_WATTTIME_ATTEMPTS", "0")))
        .hasMessageStartingWith("CARBONSHIFT_WATTTIME_ATTEMPTS: ");
    assertThatThrownBy(() -> SourcesConfig.from(Map.of("CARBONSHIFT_TRACE_REPLAY", "sometimes")))
        .hasMessageStartingWith("CARBONSHIFT_TRACE_REPLAY: ");
    assertThatThrownBy(() -> SourcesConfig.from(Map.of("CARBONSHIFT_CASDK_SIGNAL", "loud")))
        .hasMessageContaining("'average' or 'marginal'");
  }
}
