package dev.carbonshift.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What every command reads from the outside world: the clock, the environment and the working
 * directory. Main builds the real one; tests build their own.
 *
 * @param home the Carbonshift installation (holds the bundled {@code regions/}, {@code jobs/},
 *     {@code data/}); the launcher passes it as {@code CARBONSHIFT_HOME}
 */
public record Context(Clock clock, Map<String, String> env, Path workDir, Path home) {

  public static Context system() {
    Map<String, String> env = System.getenv();
    Path work = Path.of("").toAbsolutePath();
    String h = env.get("CARBONSHIFT_HOME");
    return new Context(Clock.systemUTC(), env, work, h == null ? work : Path.of(h));
  }

  /** A path the user gave, relative to the working directory. */
  public Path resolve(String userPath) {
    return workDir.resolve(userPath).normalize();
  }

  /**
   * A default folder: {@code name} under the working directory if it exists there, else the one
   * shipped with Carbonshift.
   */
  public Path defaultDir(String name) {
    Path local = workDir.resolve(name);
    return Files.isDirectory(local) ? local : home.resolve(name);
  }
}
