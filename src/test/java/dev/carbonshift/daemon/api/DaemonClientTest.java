package dev.carbonshift.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.job.JobState;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The CLI's client against a real API. */
class DaemonClientTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final String TOKEN = "client-token-0123456789abcdef";

  @Test
  void probe_finds_a_daemon_and_nothing_where_none_listens() throws IOException {
    int freePort;
    try (ServerSocket s = new ServerSocket(0)) {
      freePort = s.getLocalPort();
    }
    try (ApiFixture f = new ApiFixture()) {
      assertThat(DaemonClient.probe(f.base, Optional.empty(), TIMEOUT)).isPresent();
    }
    assertThat(
            DaemonClient.probe(
                URI.create("http://127.0.0.1:" + freePort), Optional.empty(), TIMEOUT))
        .isEmpty();
  }

  @Test
  void submit_status_and_cancel_go_through_the_daemon() {
    try (ApiFixture f = new ApiFixture(ApiSettings.defaults().withPort(0).withToken(TOKEN))) {
      DaemonClient c = DaemonClient.probe(f.base, Optional.of(TOKEN), TIMEOUT).orElseThrow();

      String id =
          c.submit("jobs/weather.yaml", ApiFixture.descriptor("weather-seattle-train.yaml"));

      assertThat(f.store.jobs().find(id)).isPresent();
      assertThat(c.jobs().get(0).get("id").asText()).isEqualTo(id);
      assertThat(c.job(id).orElseThrow().get("state").asText()).isEqualTo("QUEUED");
      assertThat(c.job("job-unknown")).isEmpty();
      assertThat(c.cancel(id).get("state").asText()).isEqualTo("CANCELLED");
      assertThat(f.store.jobs().find(id).orElseThrow().state()).isEqualTo(JobState.CANCELLED);
      assertThatThrownBy(() -> c.cancel(id))
          .isInstanceOfSatisfying(
              DaemonProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
    }
  }

  @Test
  void a_rejected_descriptor_names_the_users_file_line_and_field() {
    try (ApiFixture f = new ApiFixture()) {
      DaemonClient c = DaemonClient.probe(f.base, Optional.empty(), TIMEOUT).orElseThrow();
      String bad =
          ApiFixture.descriptor("weather-seattle-train.yaml").replace("kind: train", "kind: bake");

      assertThatThrownBy(() -> c.submit("jobs/bad.yaml", bad))
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> {
                assertThat(e.file()).isEqualTo("jobs/bad.yaml");
                assertThat(e.field()).isEqualTo("kind");
                assertThat(e.line()).isEqualTo(4);
                assertThat(e.getMessage()).startsWith("jobs/bad.yaml:4: kind: ");
              });
    }
  }
}
