package dev.carbonshift.carbon;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server on a free port for a test class, emptied before each test, serving the recorded
 * API bodies of {@code test-fixtures/api/}.
 */
public final class ApiServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  public static final Path FIXTURES = Path.of("test-fixtures", "api");

  private WireMockServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = new WireMockServer(options().dynamicPort());
    server.start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server.resetAll();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop();
  }

  public WireMockServer wireMock() {
    return server;
  }

  public URI url() {
    return URI.create("http://localhost:" + server.port());
  }

  /** The body of a recorded response, e.g. {@code ukgrid/gb_fw48h_national.json}. */
  public static String fixture(String name) {
    try {
      return Files.readString(FIXTURES.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
