package dev.carbonshift.daemon.api;

import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.report.Reports;
import dev.carbonshift.store.Database;
import dev.carbonshift.testing.TestClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A real API on a free loopback port over an in-memory H2 store. */
final class ApiFixture implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  static final RegionCatalog CATALOG = RegionCatalog.load(Path.of("regions"));

  final TestClock clock = new TestClock(NOW);
  final Database db = Database.inMemory("api-" + UUID.randomUUID());
  final ApiStore store = ApiStore.of(db, clock);
  final JobIntake intake = new JobIntake(CATALOG, store.jobs(), clock);
  final DaemonMetrics metrics = new DaemonMetrics(db);
  final StoreOnlyHooks hooks = new StoreOnlyHooks(store.jobs(), "test-daemon", "0.1-test", clock);
  final HttpApi api;
  final URI base;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiFixture(ApiSettings settings) {
    api =
        new HttpApi(
            settings, intake, store, CATALOG, hooks, metrics, new Reports(db, CATALOG, clock));
    base = URI.create("http://127.0.0.1:" + api.start() + "/");
  }

  ApiFixture() {
    this(ApiSettings.defaults().withPort(0));
  }

  static String descriptor(String file) {
    try {
      return Files.readString(Path.of("jobs", file));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(request(path).GET());
  }

  HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  @Override
  public void close() {
    api.stop();
  }
}
