package dev.carbonshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "''{0}'' is {1} seconds")
  @CsvSource({
    "PT6H, 21600",
    "pt6h, 21600",
    "P1D, 86400",
    "PT1H30M, 5400",
    "6h, 21600",
    "6H, 21600",
    "90m, 5400",
    "1h30m, 5400",
    "'1h 30m', 5400",
    "1.5h, 5400",
    "2d, 172800",
    "45s, 45",
    "1d2h3m4s, 93784",
    "'  6h  ', 21600"
  })
  void reads_iso_and_human_durations(String text, long seconds) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest(name = "''{0}'' is refused as not positive")
  @CsvSource({"-6h", "-PT6H", "PT-6H", "0h", "0m", "PT0S", "P0D"})
  void rejects_negative_and_zero_durations(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be positive, got '" + text + "'");
  }

  @ParameterizedTest(name = "''{0}'' is not a duration")
  @CsvSource({"''", "6", "h", "six hours", "6x", "6h30", "PT", "P1H", "1m2h"})
  void rejects_text_that_is_not_a_duration_with_examples(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a duration")
        .hasMessageContaining("PT6H, 6h, 90m or 1h30m");
  }
}
