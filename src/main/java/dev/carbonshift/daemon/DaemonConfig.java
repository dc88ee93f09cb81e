package dev.carbonshift.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.config.Durations;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.config.LocatedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every setting of a Carbonshift process, validated once: named defaults, then a config file, then
 * {@code CARBONSHIFT_*} environment variables, then command-line flags. Impossible settings fail at
 * start naming the setting and where it came from; suspicious ones are clamped with a warning.
 * Secrets come from the environment only and are never shown by {@link #describe()}.
 *
 * @param db the H2 store file (without {@code .mv.db}) or a JDBC URL
 * @param regionsDir the region catalog folder
 * @param dataDir model versions and checkpoints
 * @param apiToken bearer token for mutating HTTP calls ({@code CARBONSHIFT_API_TOKEN})
 * @param heartbeatEvery how often a running job heartbeats into the store
 * @param missedHeartbeats a run silent for this many intervals is dead
 * @param startTolerance how late a start trigger may fire and still start; later, the job is
 *     re-planned (it was missed while the daemon was down)
 * @param shutdownWait how long a stopping daemon waits for trainings to reach a checkpoint
 * @param jobsFolder a watched folder of descriptors to submit, if any
 * @param env the environment, for the settings the carbon sources and meters read (API keys)
 */
public record DaemonConfig(
    String db,
    Path regionsDir,
    Path dataDir,
    Path hardwareDir,
    String bind,
    int port,
    Optional<String> apiToken,
    Optional<String> dbPassword,
    Duration planEvery,
    Duration forecastRefreshEvery,
    Duration heartbeatEvery,
    int missedHeartbeats,
    Duration startTolerance,
    Duration shutdownWait,
    Optional<Path> jobsFolder,
    Duration jobsFolderScanEvery,
    long maxBodyBytes,
    int schedulerThreads,
    Map<String, String> env) {

  private static final Logger LOG = LoggerFactory.getLogger(DaemonConfig.class);

  public static final String DEFAULT_DB = ".carbonshift/carbonshift";
  public static final String DEFAULT_DATA_DIR = ".carbonshift/models";
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final Duration DEFAULT_PLAN_EVERY = Duration.ofMinutes(5);
  public static final Duration DEFAULT_FORECAST_REFRESH_EVERY = Duration.ofMinutes(30);
  public static final Duration DEFAULT_HEARTBEAT_EVERY = Duration.ofSeconds(10);

  /** 3 × 10 s: a dead run is found 30–40 s after its last heartbeat (JobRunr: 60 s). */
  public static final int DEFAULT_MISSED_HEARTBEATS = 3;

  public static final Duration DEFAULT_START_TOLERANCE = Duration.ofMinutes(10);
  public static final Duration DEFAULT_SHUTDOWN_WAIT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_JOBS_FOLDER_SCAN_EVERY = Duration.ofSeconds(5);
  public static final long DEFAULT_MAX_BODY_BYTES = 1 << 20;
  public static final int DEFAULT_SCHEDULER_THREADS = 4;

  /** The settings a file, the environment or a flag may give, by name. */
  public static final Set<String> SETTINGS =
      Set.of(
          "db",
          "regions",
          "dataDir",
          "hardwareDir",
          "bind",
          "port",
          "planEvery",
          "forecastRefreshEvery",
          "heartbeatEvery",
          "missedHeartbeats",
          "startTolerance",
          "shutdownWait",
          "jobsFolder",
          "jobsFolderScanEvery",
          "maxBodyBytes",
          "schedulerThreads");

  /** Where the relative defaults resolve: the working directory and the installation. */
  public record Places(Path workDir, Path home) {
    Path defaultDir(String name) {
      Path local = workDir.resolve(name);
      return Files.isDirectory(local) ? local : home.resolve(name);
    }

    Path resolve(String p) {
      return workDir.resolve(p).normalize();
    }
  }

  public DaemonConfig {
    env = Map.copyOf(env);
  }

  /** A dead run is one whose last heartbeat is older than this. */
  public Duration deadAfter() {
    return heartbeatEvery.multipliedBy(missedHeartbeats);
  }

  /**
   * Reads the settings.
   *
   * @param file a config file (YAML or JSON map of settings), if given
   * @param flags settings given on the command line (by setting name), over everything else
   * @throws InvalidInputException naming the setting, and the file and line when it came from one
   */
  public static DaemonConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> flags, Places places) {
    Map<String, Setting> given = new LinkedHashMap<>();
    file.ifPresent(f -> readFile(f, given));
    for (String name : SETTINGS) {
      String v = env.get(envName(name));
      if (v != null && !v.isBlank()) {
        given.put(name, new Setting(v.trim(), envName(name), 0));
      }
    }
    flags.forEach(
        (k, v) -> {
          if (v != null) {
            given.put(k, new Setting(v, "--" + k, 0));
          }
        });
    Reader r = new Reader(given);
    String dbText = r.text("db", DEFAULT_DB);
    // a path is a path, relative to the working directory; only a JDBC URL is a URL
    String db = dbText.startsWith("jdbc:") ? dbText : places.resolve(dbText).toString();
    Path regions = r.path("regions", places).orElse(places.defaultDir("regions"));
    Path data = r.path("dataDir", places).orElse(places.resolve(DEFAULT_DATA_DIR));
    Path hardware =
        r.path("hardwareDir", places).orElse(places.defaultDir("data").resolve("hardware"));
    String bind = r.text("bind", DEFAULT_BIND);
    int port = r.integer("port", DEFAULT_PORT, 0, 65_535);
    Duration heartbeat = r.duration("heartbeatEvery", DEFAULT_HEARTBEAT_EVERY);
    int missed = r.integer("missedHeartbeats", DEFAULT_MISSED_HEARTBEATS, 2, 1000);
    DaemonConfig c =
        new DaemonConfig(
            db,
            regions,
            data,
            hardware,
            bind,
            port,
            nonBlank(env.get("CARBONSHIFT_API_TOKEN")),
            nonBlank(env.get("CARBONSHIFT_DB_PASSWORD")),
            r.duration("planEvery", DEFAULT_PLAN_EVERY),
            r.duration("forecastRefreshEvery", DEFAULT_FORECAST_REFRESH_EVERY),
            heartbeat,
            missed,
            r.duration("startTolerance", DEFAULT_START_TOLERANCE),
            r.duration("shutdownWait", DEFAULT_SHUTDOWN_WAIT),
            r.path("jobsFolder", places),
            r.duration("jobsFolderScanEvery", DEFAULT_JOBS_FOLDER_SCAN_EVERY),
            r.longValue("maxBodyBytes", DEFAULT_MAX_BODY_BYTES, 1024, 1L << 30),
            r.integer("schedulerThreads", DEFAULT_SCHEDULER_THREADS, 1, 64),
            env);
    if (!Files.isDirectory(c.regionsDir())) {
      throw r.error("regions", "no such folder: " + c.regionsDir());
    }
    if (c.deadAfter().compareTo(Duration.ofSeconds(60)) > 0) {
      LOG.warn(
          "heartbeatEvery {} x missedHeartbeats {}: a dead run is found only after {}",
          c.heartbeatEvery(),
          c.missedHeartbeats(),
          c.deadAfter());
    }
    return c;
  }

  /** The defaults alone, with the environment for the sources' keys. */
  public static DaemonConfig defaults(Map<String, String> env, Places places) {
    return load(Optional.empty(), env, Map.of(), places);
  }

  /**
   * The setting's environment variable: {@code heartbeatEvery} → {@code
   * CARBONSHIFT_HEARTBEAT_EVERY}.
   */
  public static String envName(String setting) {
    return "CARBONSHIFT_" + setting.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** The same settings with {@code name} replaced, as the flags would give it. */
  public DaemonConfig with(String name, String value, Places places) {
    Map<String, String> flags = new TreeMap<>(asFlags());
    flags.put(name, value);
    return load(Optional.empty(), env, flags, places);
  }

  private Map<String, String> asFlags() {
    Map<String, String> m = new TreeMap<>();
    m.put("db", db);
    m.put("regions", regionsDir.toString());
    m.put("dataDir", dataDir.toString());
    m.put("hardwareDir", hardwareDir.toString());
    m.put("bind", bind);
    m.put("port", String.valueOf(port));
    m.put("planEvery", planEvery.toString());
    m.put("forecastRefreshEvery", forecastRefreshEvery.toString());
    m.put("heartbeatEvery", heartbeatEvery.toString());
    m.put("missedHeartbeats", String.valueOf(missedHeartbeats));
    m.put("startTolerance", startTolerance.toString());
    m.put("shutdownWait", shutdownWait.toString());
    jobsFolder.ifPresent(p -> m.put("jobsFolder", p.toString()));
    m.put("jobsFolderScanEvery", jobsFolderScanEvery.toString());
    m.put("maxBodyBytes", String.valueOf(maxBodyBytes));
    m.put("schedulerThreads", String.valueOf(schedulerThreads));
    return m;
  }

  /** The effective configuration in one line, secrets only said to be set. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    Map<String, String> shown = new TreeMap<>(asFlags());
    // a URL may carry a credential of its own (user:password@, ?password=): never shown
    shown.put("db", dev.carbonshift.store.Dialect.redacted(db));
    shown.forEach(
        (k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    sb.append(", apiToken=").append(apiToken.isPresent() ? "set" : "not set");
    sb.append(", dbPassword=").append(dbPassword.isPresent() ? "set" : "not set");
    return sb.toString();
  }

  private static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  private static void readFile(Path f, Map<String, Setting> into) {
    String text;
    try {
      text = Files.readString(f, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(f.toString(), 0, null, "cannot read the config file: " + e);
    }
    LocatedTree tree = LocatedTree.parse(f.toString(), text);
    JsonNode root = tree.root();
    if (root == null || root.isNull() || root.isMissingNode()) {
      return;
    }
    if (!root.isObject()) {
      throw tree.error("", "a config file is a map of settings: " + String.join(", ", SETTINGS));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!SETTINGS.contains(e.getKey())) {
        throw tree.error(
            e.getKey(),
            "unknown setting; known settings: "
                + String.join(", ", new java.util.TreeSet<>(SETTINGS)));
      }
      if (!e.getValue().isValueNode()) {
        throw tree.error(e.getKey(), "must be a single value");
      }
      into.put(
          e.getKey(), new Setting(e.getValue().asText(), f.toString(), tree.lineOf(e.getKey())));
    }
  }

  /** A setting's text and where it came from (a file and line, a variable or a flag). */
  private record Setting(String value, String from, int line) {}

  private record Reader(Map<String, Setting> given) {
    InvalidInputException error(String name, String problem) {
      Setting s = given.get(name);
      if (s == null) {
        return new InvalidInputException(null, 0, name, problem);
      }
      boolean inFile = s.line() > 0 || !(s.from().startsWith("--") || s.from().startsWith("CARB"));
      return inFile
          ? new InvalidInputException(s.from(), s.line(), name, problem)
          : new InvalidInputException(null, 0, name + " (" + s.from() + ")", problem);
    }

    String text(String name, String dflt) {
      Setting s = given.get(name);
      return s == null ? dflt : s.value();
    }

    Optional<Path> path(String name, Places places) {
      Setting s = given.get(name);
      return s == null ? Optional.empty() : Optional.of(places.resolve(s.value()));
    }

    Duration duration(String name, Duration dflt) {
      Setting s = given.get(name);
      if (s == null) {
        return dflt;
      }
      Duration d;
      try {
        d = Durations.parse(s.value());
      } catch (RuntimeException e) {
        throw error(name, "'" + s.value() + "' is not a duration (e.g. 30s, 5m, PT1H)");
      }
      if (d.isNegative() || d.isZero()) {
        throw error(name, "must be positive, not " + s.value());
      }
      return d;
    }

    int integer(String name, int dflt, int min, int max) {
      return (int) longValue(name, dflt, min, max);
    }

    long longValue(String name, long dflt, long min, long max) {
      Setting s = given.get(name);
      if (s == null) {
        return dflt;
      }
      long v;
      try {
        v = Long.parseLong(s.value().trim());
      } catch (NumberFormatException e) {
        throw error(name, "'" + s.value() + "' is not a whole number");
      }
      if (v < min || v > max) {
        throw error(name, "must be between " + min + " and " + max + ", not " + v);
      }
      return v;
    }
  }
}
