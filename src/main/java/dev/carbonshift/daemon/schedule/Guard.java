package dev.carbonshift.daemon.schedule;

import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every periodic or triggered task of the daemon: a task that throws is logged and counted,
 * and never stops the loop it belongs to, so a poison job or a dead API costs one round, not the
 * daemon.
 */
public final class Guard {
  private static final Logger LOG = LoggerFactory.getLogger(Guard.class);

  private final Consumer<String> failures;

  /**
   * @param failures told the task's name on every failure (e.g. a metrics counter)
   */
  public Guard(Consumer<String> failures) {
    this.failures = failures;
  }

  /** Runs {@code task}; returns false if it failed. Errors of the JVM itself still propagate. */
  public boolean run(String name, Triggers.Task task, Map<String, String> data) {
    try {
      task.run(data);
      return true;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("task {} interrupted", name);
      failures.accept(name);
      return false;
    } catch (Exception | LinkageError | AssertionError e) {
      LOG.error("task {} failed ({}); it runs again at its next trigger", name, e.toString(), e);
      try {
        failures.accept(name);
      } catch (RuntimeException counting) {
        LOG.warn("could not count the failure of {}: {}", name, counting.toString());
      }
      return false;
    }
  }
}
