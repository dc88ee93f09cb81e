package dev.carbonshift.carbon.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.RecordingSleeper;
import dev.carbonshift.testing.TestClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpPlumbingTest {
  final TestClock clock = new TestClock(Instant.parse("2024-03-10T12:00:00Z"));

  HttpFetcher fetcher(double random) {
    return new HttpFetcher(
        Endpoint.of("x", URI.create("http://localhost:1")),
        clock,
        new RecordingSleeper(),
        () -> random,
        new CircuitBreaker(3, Duration.ofMinutes(2), clock),
        List.of());
  }

  @Test
  void backoff_doubles_per_attempt_with_up_to_half_of_it_random() {
    assertThat(fetcher(0.0).backoff(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(fetcher(1.0).backoff(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(fetcher(0.0).backoff(3)).isEqualTo(Duration.ofMillis(1000));
    assertThat(fetcher(1.0).backoff(3)).isEqualTo(Duration.ofMillis(2000));
  }

  @Test
  void retry_after_reads_seconds_and_http_dates_against_the_injected_clock() {
    Duration fallback = Duration.ofSeconds(1);

    assertThat(RetryAfter.parse("7", clock, fallback)).isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse("Sun, 10 Mar 2024 12:01:30 GMT", clock, fallback))
        .isEqualTo(Duration.ofSeconds(90));
    assertThat(RetryAfter.parse("soon", clock, fallback)).isEqualTo(fallback);
    assertThat(RetryAfter.parse(null, clock, fallback)).isEqualTo(fallback);
  }

  @Test
  void the_circuit_opens_at_the_threshold_and_lets_a_trial_through_after_the_pause() {
    CircuitBreaker b = new CircuitBreaker(2, Duration.ofMinutes(2), clock);
    b.recordFailure();
    assertThat(b.allows()).isTrue();
    b.recordFailure();
    assertThat(b.allows()).isFalse();
    clock.advance(Duration.ofMinutes(2));
    assertThat(b.allows()).isTrue();
    b.recordFailure();
    assertThat(b.allows()).as("a failed trial reopens it").isFalse();
    clock.advance(Duration.ofMinutes(2));
    b.recordSuccess();
    assertThat(b.allows()).isTrue();
    assertThat(b.consecutiveFailures()).isZero();
  }

  @Test
  void error_bodies_of_each_api_give_their_message() {
    assertThat(
            ErrorBodies.message(
                "{\"error\":{\"code\":\"400 Bad Request\",\"message\":\"bad date\"}}"))
        .isEqualTo("bad date");
    assertThat(
            ErrorBodies.message(
                "{\"error\":\"Invalid query parameters\",\"message\":\"Invalid scope\"}"))
        .isEqualTo("Invalid query parameters: Invalid scope");
    assertThat(
            ErrorBodies.message(
                "{\"title\":\"One or more validation errors occurred.\",\"status\":400}"))
        .isEqualTo("One or more validation errors occurred.");
    assertThat(ErrorBodies.message("<html>Bad Gateway</html>"))
        .isEqualTo("<html>Bad Gateway</html>");
  }

  @Test
  void api_times_are_read_with_or_without_seconds() throws Exception {
    var node =
        ApiJson.parse(
            "{\"a\":\"2018-01-20T12:00Z\",\"b\":\"2019-05-21T21:00:00.000Z\","
                + "\"c\":\"2022-07-15T00:05:00+00:00\"}");

    assertThat(ApiJson.instant(node, "a")).isEqualTo(Instant.parse("2018-01-20T12:00:00Z"));
    assertThat(ApiJson.instant(node, "b")).isEqualTo(Instant.parse("2019-05-21T21:00:00Z"));
    assertThat(ApiJson.instant(node, "c")).isEqualTo(Instant.parse("2022-07-15T00:05:00Z"));
  }
}
