package dev.carbonshift.daemon;

import static dev.carbonshift.daemon.DaemonFixture.PROJECT;
import static org.awaitility.Awaitility.await;

import dev.carbonshift.store.PostgresTestStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Daemons in processes of their own on one PostgreSQL database (a schema of its own per test) and
 * one shared data folder, as a team runs them on several machines; {@link #store()} is the same
 * store seen from the test.
 */
final class TwoDaemons implements AutoCloseable {
  private static final Pattern API = Pattern.compile("API http://[^:]+:(\\d+)");

  final Path dir;
  final DaemonFixture fixture;
  private final PostgresTestStore pg;
  private final String url;
  private final Map<String, String> env;
  private final List<Process> started = new ArrayList<>();
  private final String heartbeatEvery;

  /**
   * Daemons on the wall clock (a scaled clock would run each daemon's time from its own start, and
   * processes that start seconds apart would disagree by minutes).
   *
   * @param heartbeatEvery how often the daemons heartbeat and look for dead runs
   */
  TwoDaemons(Path dir, String heartbeatEvery) {
    this.dir = dir;
    this.heartbeatEvery = heartbeatEvery;
    this.pg = PostgresTestStore.require();
    this.url = pg.freshSchemaUrl();
    this.env = Map.of("CARBONSHIFT_DB_USER", pg.user(), "CARBONSHIFT_DB_PASSWORD", pg.password());
    this.fixture = new DaemonFixture(dir);
  }

  Path config() throws IOException {
    Path f = dir.resolve("daemon.yaml");
    Files.writeString(
        f,
        """
        db: %s
        dataDir: %s
        regions: %s
        port: 0
        heartbeatEvery: %s
        planEvery: 10s
        startTolerance: 30m
        shutdownWait: 30m
        """
            .formatted(url, dir.resolve("models"), PROJECT.resolve("regions"), heartbeatEvery));
    return f;
  }

  /** The store as the daemons see it, read on the wall clock. */
  Carbonshift store() throws IOException {
    DaemonConfig c =
        DaemonConfig.load(
            Optional.of(config()), env, Map.of(), new DaemonConfig.Places(PROJECT, PROJECT));
    return Carbonshift.open(c, Clock.systemUTC());
  }

  /** Starts daemon number {@code n}, logging to daemon-n.log. */
  Process start(int n) throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = DaemonProcess.start(cp, config(), 1, PROJECT, log(n), env);
    started.add(p);
    return p;
  }

  Path log(int n) {
    return dir.resolve("daemon-" + n + ".log");
  }

  /** The port daemon {@code n}'s API listens on, once it has said so in its log. */
  int port(int n, Duration within) {
    int[] port = {-1};
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (!Files.exists(log(n))) {
                return false;
              }
              Matcher m = API.matcher(Files.readString(log(n)));
              if (m.find()) {
                port[0] = Integer.parseInt(m.group(1));
                return true;
              }
              return false;
            });
    return port[0];
  }

  /** Posts a descriptor file to the daemon at {@code port}; returns the new job's id. */
  static String post(int port, Path descriptor) throws IOException, InterruptedException {
    java.net.http.HttpResponse<String> r =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/jobs"))
                    .header("Content-Type", "application/yaml")
                    // as the CLI on this machine does: its dataset lies beside it
                    .header(
                        dev.carbonshift.daemon.api.HttpApi.SOURCE_FILE_HEADER,
                        descriptor.toAbsolutePath().toString())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(descriptor))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("POST /jobs answered " + r.statusCode() + ": " + r.body());
    }
    Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
    if (!m.find()) {
      throw new IllegalStateException("no id in " + r.body());
    }
    return m.group(1);
  }

  @Override
  public void close() {
    started.forEach(Process::destroyForcibly);
    String keep = System.getenv("CARBONSHIFT_TEST_KEEP_LOGS");
    for (int n = 1; keep != null && n <= started.size(); n++) {
      try {
        Files.copy(
            log(n),
            Path.of(keep).resolve("daemon-" + n + ".log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        // a log that was never written
      }
    }
  }
}
