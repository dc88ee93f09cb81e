package dev.carbonshift.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code carbonshift daemon} in a process of its own, on this JVM's Java and a given class path:
 * what the chaos bench kills and restarts, as a user's service manager would.
 */
public final class DaemonProcess {
  private DaemonProcess() {}

  /**
   * Starts a daemon with the settings in {@code config}, its clock {@code speed} times the wall's,
   * appending its output to {@code log}.
   */
  public static Process start(String classPath, Path config, double speed, Path workDir, Path log)
      throws IOException {
    return start(classPath, config, speed, workDir, log, Map.of());
  }

  /**
   * As {@link #start(String, Path, double, Path, Path)}, with {@code env} added to the daemon's
   * environment (the store's credentials, {@code CARBONSHIFT_DB_USER} and {@code
   * CARBONSHIFT_DB_PASSWORD}, travel this way and never in the config file).
   */
  public static Process start(
      String classPath, Path config, double speed, Path workDir, Path log, Map<String, String> env)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx1g");
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add("dev.carbonshift.cli.Main");
    cmd.add("daemon");
    cmd.add("--config");
    cmd.add(config.toString());
    cmd.add("--speed");
    cmd.add(String.valueOf(speed));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.directory(workDir.toFile());
    return pb.start();
  }
}
