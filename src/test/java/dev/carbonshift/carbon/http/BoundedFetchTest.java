package dev.carbonshift.carbon.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.carbonshift.carbon.ApiServer;
import dev.carbonshift.carbon.RecordingSleeper;
import dev.carbonshift.testing.TestClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile servers: each must end in a failure with a reason, quickly and in bounded memory. */
class BoundedFetchTest {
  @RegisterExtension static final ApiServer API = new ApiServer();
  static final long CAP_BYTES = 1 << 20;

  final TestClock clock = new TestClock(Instant.parse("2024-03-10T12:00:00Z"));

  static Stream<Arguments> hostile_servers() {
    return Stream.of(
        Arguments.of(
            "trickling one chunk a second",
            aResponse().withBody("x".repeat(60)).withChunkedDribbleDelay(60, 60_000),
            "deadline"),
        Arguments.of(
            "a body over the cap",
            aResponse().withBody(new byte[(int) CAP_BYTES * 2]),
            "larger than " + CAP_BYTES + " bytes"),
        Arguments.of(
            "a gzip bomb",
            aResponse().withHeader("Content-Encoding", "gzip").withBody(gzippedZeros(64 << 20)),
            "larger than " + CAP_BYTES + " bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void hostile_servers(String name, ResponseDefinitionBuilder response, String reason) {
    API.wireMock().stubFor(get(urlPathEqualTo("/x")).willReturn(response));
    HttpFetcher http =
        HttpFetcher.create(
            Endpoint.of("x", API.url())
                // a read timeout longer than the trickle's pauses: only the deadline can end it
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withLimits(Duration.ofSeconds(1), CAP_BYTES),
            clock,
            new RecordingSleeper(),
            List.of());

    Fetched f = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> http.get("/x", Map.of()));

    assertThat(f).isInstanceOf(Fetched.Failed.class);
    assertThat(((Fetched.Failed) f).reason()).contains(reason);
  }

  static byte[] gzippedZeros(int size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 16];
      for (int i = 0; i < size / zeros.length; i++) {
        gz.write(zeros);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
