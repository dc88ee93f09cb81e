package dev.carbonshift.carbon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefreshPolicyTest {
  final Instant fetched = Instant.parse("2024-03-10T12:00:00Z");
  final RefreshPolicy policy = new RefreshPolicy(Duration.ofMinutes(30), 0.2);

  @Test
  void jitter_moves_the_next_refresh_up_to_a_fraction_either_side_of_the_interval() {
    assertThat(policy.nextRefresh(fetched, 0.0)).isEqualTo(fetched.plus(Duration.ofMinutes(24)));
    assertThat(policy.nextRefresh(fetched, 0.5)).isEqualTo(fetched.plus(Duration.ofMinutes(30)));
    assertThat(policy.nextRefresh(fetched, 1.0)).isEqualTo(fetched.plus(Duration.ofMinutes(36)));
  }

  @Test
  void a_forecast_is_due_once_its_jittered_time_has_come() {
    assertThat(policy.isDue(fetched, fetched.plus(Duration.ofMinutes(25)), 0.0)).isTrue();
    assertThat(policy.isDue(fetched, fetched.plus(Duration.ofMinutes(25)), 1.0)).isFalse();
  }

  @Test
  void refuses_an_interval_or_jitter_that_cannot_work() {
    assertThatThrownBy(() -> new RefreshPolicy(Duration.ZERO, 0.1))
        .hasMessageContaining("interval");
    assertThatThrownBy(() -> new RefreshPolicy(Duration.ofMinutes(1), 0.9))
        .hasMessageContaining("jitter");
  }
}
