package dev.carbonshift.daemon;

import dev.carbonshift.daemon.api.DaemonMetrics;
import dev.carbonshift.daemon.api.HttpApi;
import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How many submissions per second the API accepts: the real server over an H2 file store, {@code
 * clients} concurrent HTTP clients posting one descriptor for a while, then a check that every
 * accepted id is in the store. A second phase calls the intake directly with as many threads, to
 * tell the store's share from the HTTP layer's. A measurement, not a test.
 *
 * <p>{@code java -cp target/classes:$(cat cp.txt) dev.carbonshift.daemon.api.ApiThroughputBench
 * [SECONDS] [CLIENTS] [DESCRIPTOR]}
 */
public final class ApiThroughputBench {
  private ApiThroughputBench() {}

  public static void main(String[] args) throws Exception {
    Duration d = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Path descriptor = Path.of(args.length > 2 ? args[2] : "jobs/weather-seattle-train.yaml");
    Path home = Path.of("").toAbsolutePath();
    System.out.println(run(home, descriptor.toAbsolutePath(), d, clients));
  }

  /**
   * Runs the phases against a real daemon (its planning rounds running as the jobs arrive) on a
   * fresh H2 file store, built by the composition root, and returns the figures as text.
   *
   * @param home the installation (its regions/ and data/)
   * @param descriptorFile the descriptor posted, named as a CLI on this machine names it, so that
   *     its dataset resolves beside it and passes the intake's dataset check
   */
  public static String run(Path home, Path descriptorFile, Duration duration, int clients)
      throws Exception {
    String descriptor = Files.readString(descriptorFile);
    Path tmp = Files.createTempDirectory("carbonshift-bench");
    try {
      DaemonConfig config =
          DaemonConfig.load(
              Optional.empty(),
              Map.of(),
              Map.of(
                  "db",
                  tmp.resolve("db").toString(),
                  "port",
                  "0",
                  "dataDir",
                  tmp.resolve("models").toString()),
              new DaemonConfig.Places(home, home));
      Phase http;
      Duration httpCpu;
      DaemonMetrics.PlanTotals planning;
      Phase health;
      Phase direct;
      Set<String> stored;
      try (Carbonshift cs = Carbonshift.open(config, Clock.systemUTC());
          Daemon daemon = Daemon.create(cs)) {
        HttpApi api = cs.httpApi(daemon);
        int port = api.start();
        daemon.start();
        try {
          URI base = URI.create("http://127.0.0.1:" + port + "/");
          DaemonMetrics.PlanTotals before = cs.metrics().planTotals();
          long cpu0 = processCpuNanos();
          http = overHttp(base.resolve("jobs"), descriptor, descriptorFile, duration, clients);
          httpCpu = Duration.ofNanos(processCpuNanos() - cpu0);
          planning = cs.metrics().planTotals().since(before);
          health = healthOverHttp(base.resolve("health"), duration, clients);
        } finally {
          api.stop();
        }
        direct =
            phase(
                duration,
                clients,
                () -> cs.intake().submitText("bench.yaml", descriptor, descriptorFile).id());
        stored = cs.jobs().all().stream().map(StoredJob::id).collect(Collectors.toSet());
      }
      long missing =
          Stream.concat(http.ids.stream(), direct.ids.stream())
              .filter(i -> !stored.contains(i))
              .count();
      return String.format(
          "POST /jobs to the daemon, %d clients, %d s, H2 file store: %d accepted = %.0f jobs/s,"
              + " errors %s, latency p50 %.1f ms p99 %.1f ms%n"
              + "  CPU (clients and daemon in one process, %d cores): %.2f ms per accepted job;"
              + " %d planning rounds took %.1f s of the %d s%n"
              + "GET /health, %d clients (HTTP layer alone): %.0f requests/s, errors %s%n"
              + "intake directly, %d threads, same store: %d stored = %.0f jobs/s, errors %s%n"
              + "every accepted id in the store: %s (%d missing)",
          clients,
          duration.toSeconds(),
          http.ids.size(),
          http.perSecond(),
          http.errors,
          http.percentileMillis(0.50),
          http.percentileMillis(0.99),
          Runtime.getRuntime().availableProcessors(),
          httpCpu.toNanos() / 1e6 / Math.max(1, http.ids.size()),
          planning.rounds(),
          planning.time().toMillis() / 1000.0,
          duration.toSeconds(),
          clients,
          health.perSecond(),
          health.errors,
          clients,
          direct.ids.size(),
          direct.perSecond(),
          direct.errors,
          missing == 0 ? "yes" : "NO",
          missing);
    } finally {
      try (Stream<Path> s = Files.walk(tmp)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Phase overHttp(
      URI jobs, String descriptor, Path descriptorFile, Duration duration, int clients)
      throws Exception {
    return overHttp(
        HttpRequest.newBuilder(jobs)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/yaml")
            .header(
                dev.carbonshift.daemon.api.HttpApi.SOURCE_FILE_HEADER, descriptorFile.toString())
            .POST(HttpRequest.BodyPublishers.ofString(descriptor))
            .build(),
        201,
        duration,
        clients);
  }

  private static Phase healthOverHttp(URI health, Duration duration, int clients) throws Exception {
    HttpRequest get = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(30)).GET().build();
    return overHttp(get, 200, duration, clients);
  }

  private static Phase overHttp(HttpRequest request, int expected, Duration duration, int clients)
      throws Exception {
    // One client each, so each has its own connection as separate CLI processes would.
    List<HttpClient> pool = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      pool.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }
    AtomicLong next = new AtomicLong();
    ThreadLocal<HttpClient> mine =
        ThreadLocal.withInitial(() -> pool.get((int) (next.getAndIncrement() % clients)));
    return phase(
        duration,
        clients,
        () -> {
          HttpResponse<String> r = mine.get().send(request, HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() != expected) {
            throw new IOException("HTTP " + r.statusCode());
          }
          String body = r.body();
          int at = body.indexOf("\"id\":\"");
          return at < 0 ? "" : body.substring(at + 6, body.indexOf('"', at + 6));
        });
  }

  private interface Call {
    String submit() throws Exception;
  }

  private static Phase phase(Duration duration, int threads, Call call) throws Exception {
    Phase p = new Phase();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      running.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  try {
                    p.ids.add(call.submit());
                    p.latenciesNanos.add(System.nanoTime() - t0);
                  } catch (Exception e) {
                    p.errors.merge(
                        e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
                  }
                }
              }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    p.seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return p;
  }

  private static final class Phase {
    final ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> latenciesNanos = new ConcurrentLinkedQueue<>();
    final Map<String, Long> errors = new ConcurrentHashMap<>();
    double seconds;

    double perSecond() {
      return ids.size() / seconds;
    }

    double percentileMillis(double q) {
      List<Long> sorted = latenciesNanos.stream().sorted().toList();
      return sorted.isEmpty()
          ? 0
          : sorted.get((int) Math.min(sorted.size() - 1, q * sorted.size())) / 1e6;
    }
  }
}
