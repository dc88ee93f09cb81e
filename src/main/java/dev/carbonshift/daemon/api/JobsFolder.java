package dev.carbonshift.daemon.api;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.store.StoredJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder users drop descriptors into. Each scan submits the settled ones and moves each to {@code
 * accepted/} (its name gains the job id) or {@code rejected/} with {@code NAME.error.txt} beside
 * it. The daemon calls {@link #scanOnce()} from its scheduler; this class starts no thread.
 *
 * <p>A file still being written is never read: dotfiles, {@code *.tmp} and {@code *.part} are
 * skipped, and a file is read only once its size and modification time have not changed between two
 * scans, or it was last modified at least the settle time ago.
 */
public final class JobsFolder {
  public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(5);
  public static final long MAX_FILE_BYTES = ApiSettings.DEFAULT_MAX_BODY_BYTES;

  private static final Logger LOG = LoggerFactory.getLogger(JobsFolder.class);

  private final Path dir;
  private final JobIntake intake;
  private final DaemonHooks hooks;
  private final DaemonMetrics metrics;
  private final Clock clock;
  private final Duration settle;
  private Map<Path, Seen> previous = new HashMap<>();
  // Submitted but not moved away (e.g. accepted/ not writable): never submitted twice.
  private final Map<Path, Seen> stuck = new HashMap<>();

  /** What one scan did. */
  public record Scan(List<Accepted> accepted, List<Rejected> rejected) {}

  public record Accepted(String jobId, Path movedTo) {}

  public record Rejected(Path movedTo, Path errorFile, String error) {}

  private record Seen(long size, Instant modified) {}

  public JobsFolder(
      Path dir,
      JobIntake intake,
      DaemonHooks hooks,
      DaemonMetrics metrics,
      Clock clock,
      Duration settle) {
    if (settle.isNegative()) {
      throw new IllegalArgumentException("jobs folder settle: must not be negative, got " + settle);
    }
    this.dir = dir;
    this.intake = intake;
    this.hooks = hooks;
    this.metrics = metrics;
    this.clock = clock;
    this.settle = settle;
  }

  /** Submits every settled descriptor in the folder once; not thread-safe (one scheduler). */
  public synchronized Scan scanOnce() {
    List<Accepted> accepted = new ArrayList<>();
    List<Rejected> rejected = new ArrayList<>();
    Map<Path, Seen> now = new HashMap<>();
    for (Path f : candidates()) {
      Seen seen = seen(f);
      if (seen == null || seen.equals(stuck.get(f))) {
        continue;
      }
      if (!settled(seen, previous.get(f))) {
        now.put(f, seen);
        continue;
      }
      try {
        accepted.add(accept(f, seen));
      } catch (InvalidInputException e) {
        rejected.add(reject(f, e.getMessage()));
      } catch (IOException | UncheckedIOException e) {
        // Not moved: tried again next scan, once the file can be read or moved.
        LOG.warn("jobs folder: cannot handle {}: {}", f.getFileName(), e.toString());
        now.put(f, seen);
      }
    }
    previous = now;
    return new Scan(accepted, rejected);
  }

  private boolean settled(Seen seen, Seen before) {
    return seen.equals(before) || !seen.modified().plus(settle).isAfter(clock.instant());
  }

  private Accepted accept(Path f, Seen seen) throws IOException {
    String name = f.getFileName().toString();
    if (Files.size(f) > MAX_FILE_BYTES) {
      throw new InvalidInputException(name, 0, null, "larger than " + MAX_FILE_BYTES + " bytes");
    }
    String text;
    try {
      text = Files.readString(f, StandardCharsets.UTF_8);
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(name, 0, null, "not UTF-8 text");
    }
    // relative dataset paths resolve in the jobs folder, where the file was dropped
    StoredJob j = intake.submitText(name, text, f.toAbsolutePath());
    metrics.jobsSubmitted();
    Path to;
    try {
      to = moveFresh(f, dir.resolve("accepted"), withId(name, j.id()));
    } catch (IOException e) {
      // The job is stored: never submit this file again, even though it could not be moved.
      LOG.error("jobs folder: {} submitted as {} but not moved to accepted/", name, j.id(), e);
      stuck.put(f, seen);
      to = f;
    }
    LOG.info("jobs folder: {} submitted as {}", name, j.id());
    try {
      hooks.submitted(j);
    } catch (RuntimeException e) {
      LOG.warn("job {} stored, but the planning round it asked for failed", j.id(), e);
    }
    return new Accepted(j.id(), to);
  }

  private Rejected reject(Path f, String error) {
    String name = f.getFileName().toString();
    try {
      Path folder = Files.createDirectories(dir.resolve("rejected"));
      Path to = moveFresh(f, folder, name, n -> folder.resolve(n + ".error.txt"));
      Path errorFile = folder.resolve(to.getFileName() + ".error.txt");
      Files.writeString(errorFile, error + "\n", StandardOpenOption.CREATE_NEW);
      LOG.info("jobs folder: {} rejected: {}", name, error);
      return new Rejected(to, errorFile, error);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path moveFresh(Path f, Path folder, String name) throws IOException {
    return moveFresh(f, Files.createDirectories(folder), name, n -> null);
  }

  private static Path moveFresh(Path f, Path folder, String name, Function<String, Path> alsoFree)
      throws IOException {
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    for (int i = 0; ; i++) {
      String candidate = i == 0 ? name : stem + "-" + i + ext;
      Path companion = alsoFree.apply(candidate);
      if (companion != null && Files.exists(companion)) {
        continue;
      }
      try {
        // Without REPLACE_EXISTING the move fails rather than overwrite what is there.
        return Files.move(f, folder.resolve(candidate));
      } catch (FileAlreadyExistsException e) {
        // taken: try the next name
      }
    }
  }

  private static String withId(String name, String id) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) + "." + id + name.substring(dot) : name + "." + id;
  }

  private List<Path> candidates() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).filter(JobsFolder::isDescriptor).sorted().toList();
    } catch (IOException e) {
      LOG.warn("jobs folder: cannot list {}: {}", dir, e.toString());
      return List.of();
    }
  }

  static boolean isDescriptor(Path p) {
    String n = p.getFileName().toString();
    return !n.startsWith(".") && n.matches(".+\\.(ya?ml|json)");
  }

  private static Seen seen(Path f) {
    try {
      BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
      return new Seen(a.size(), a.lastModifiedTime().toInstant());
    } catch (IOException e) {
      return null; // moved or deleted since the listing
    }
  }
}
