package dev.carbonshift.cli;

import dev.carbonshift.config.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The demo's output folder: its store, models, report files and a mark saying that the demo made
 * them, whether it finished, and how far its clock had got. A finished demo's folder is started
 * afresh; an interrupted one (killed, or the machine stopped) is resumed, so that its dead run is
 * found by the daemon and continues from its checkpoint instead of staying RUNNING.
 */
final class DemoFolder {
  /** Marks a folder as the demo's own, so that a later demo may start its store afresh. */
  static final String MARK = ".carbonshift-demo";

  static final String STORE = "carbonshift";
  static final List<String> OUTPUTS = List.of("report.html", "emissions.csv", "summary.json");

  private final Path dir;
  private final Map<String, String> mark;

  private DemoFolder(Path dir, Map<String, String> mark) {
    this.dir = dir;
    this.mark = mark;
  }

  /** How the demo starts in this folder. */
  sealed interface Start {
    /** Nothing to continue: a fresh store; {@code replaced} says what was cleared. */
    record Fresh(String replaced) implements Start {}

    /** A demo that did not finish: its store is reused and its clock continues from {@code at}. */
    record Resume(Instant at, Instant origin) implements Start {}
  }

  /**
   * Opens {@code dir}, refusing a folder holding a store or models the demo did not create ({@code
   * --out .carbonshift} would wipe the user's queue) and one where another demo still runs.
   */
  static DemoFolder open(Path dir) throws IOException {
    refuseForeignStore(dir);
    Map<String, String> mark = new LinkedHashMap<>();
    Path m = dir.resolve(MARK);
    if (Files.isRegularFile(m)) {
      for (String line : Files.readAllLines(m)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          mark.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    }
    String owner = mark.get("owner");
    if ("running".equals(mark.get("state")) && owner != null && alive(owner)) {
      throw new InvalidInputException(
          null,
          0,
          "--out",
          dir + " is in use by another demo (" + owner + "); wait for it or give another --out");
    }
    return new DemoFolder(dir, mark);
  }

  Path dir() {
    return dir;
  }

  Path store() {
    return dir.resolve(STORE);
  }

  Path models() {
    return dir.resolve("models");
  }

  /**
   * Decides how this demo starts: a demo that was interrupted (its mark says running, its process
   * is gone, its store is there) is resumed unless {@code fresh}; anything else starts afresh, the
   * demo's own files cleared.
   */
  Start begin(boolean fresh, Instant origin, String owner) throws IOException {
    boolean interrupted =
        "running".equals(mark.get("state"))
            && mark.containsKey("clock")
            && mark.containsKey("origin")
            && Files.isRegularFile(dir.resolve(STORE + ".mv.db"));
    Start start;
    if (interrupted && !fresh) {
      start = new Start.Resume(Instant.parse(mark.get("clock")), Instant.parse(mark.get("origin")));
    } else {
      String replaced =
          !Files.isDirectory(dir)
              ? null
              : interrupted
                  ? "the interrupted demo's store and files"
                  : Files.exists(dir.resolve(MARK)) ? "the last demo's store and files" : null;
      clear();
      start = new Start.Fresh(replaced);
    }
    Files.createDirectories(dir);
    Instant o = start instanceof Start.Resume r ? r.origin() : origin;
    Instant at = start instanceof Start.Resume r ? r.at() : origin;
    mark.clear();
    mark.put("owner", owner);
    mark.put("origin", o.toString());
    record("running", at);
    return start;
  }

  /** Records how far the demo's clock has got, so that an interrupted demo resumes from there. */
  void clock(Instant at) {
    try {
      record("running", at);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Marks the demo finished: the next one starts afresh. */
  void finished(Instant at) throws IOException {
    record("finished", at);
  }

  private void record(String state, Instant at) throws IOException {
    mark.put("state", state);
    mark.put("clock", at.toString());
    StringBuilder sb =
        new StringBuilder("# written by carbonshift demo; its store may be replaced\n");
    mark.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    Path tmp = dir.resolve(MARK + ".tmp");
    Files.writeString(tmp, sb.toString());
    Files.move(tmp, dir.resolve(MARK), StandardCopyOption.REPLACE_EXISTING);
  }

  /** Removes what an earlier demo wrote here, and nothing else. */
  private void clear() throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    for (String suffix : List.of(".mv.db", ".trace.db", ".lock.db", ".mv.db.tempFile")) {
      Files.deleteIfExists(dir.resolve(STORE + suffix));
    }
    for (String f : OUTPUTS) {
      Files.deleteIfExists(dir.resolve(f));
    }
    deleteTree(models());
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    }
  }

  /** Whether the process named {@code host:pid:startMillis} still runs on this host. */
  private static boolean alive(String owner) {
    String[] parts = owner.split(":");
    if (parts.length < 3) {
      return false;
    }
    try {
      long pid = Long.parseLong(parts[parts.length - 2]);
      long started = Long.parseLong(parts[parts.length - 1]);
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      return p.isPresent()
          && p.get()
              .info()
              .startInstant()
              .map(i -> Math.abs(i.toEpochMilli() - started) < 1000)
              .orElse(true);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The demo starts its store afresh, so it refuses a folder holding a store or models it did not
   * create ({@code --out .carbonshift} would wipe the user's queue and write into their models).
   */
  private static void refuseForeignStore(Path dir) throws IOException {
    if (!Files.isDirectory(dir) || Files.exists(dir.resolve(MARK))) {
      return;
    }
    List<String> found;
    try (Stream<Path> s = Files.list(dir)) {
      found =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".mv.db") || n.endsWith(".lock.db") || n.equals("models"))
              .sorted()
              .toList();
    }
    if (!found.isEmpty()) {
      throw new InvalidInputException(
          null,
          0,
          "--out",
          dir
              + " holds a store the demo did not create ("
              + String.join(", ", found)
              + "); the demo starts its store afresh and would lose it. Give --out an empty or"
              + " new folder");
    }
  }
}
