package dev.carbonshift.train;

import dev.carbonshift.job.Strategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Stores a trained network as the next version of its model: files first, under {@code
 * <dataDir>/<name>/v<version>/} in a folder no one else has written, then the registry row with the
 * weights' hash (naming the stored job that produced it, if any); if the row cannot be written the
 * files go.
 */
final class VersionWriter {
  private final ModelRegistry registry;
  private final Path dataDir;
  private final Clock clock;

  VersionWriter(ModelRegistry registry, Path dataDir, Clock clock) {
    this.registry = registry;
    this.dataDir = dataDir;
    this.clock = clock;
  }

  ModelVersion write(
      String name,
      Strategy strategy,
      StartingPoint start,
      PreparedData data,
      MultiLayerNetwork net,
      RunSummary run,
      String jobId) {
    if (!Weights.safeName(name)) {
      throw new IllegalArgumentException("model name '" + name + "' is not a plain folder name");
    }
    Path root = dataDir.toAbsolutePath().normalize();
    Path modelDir = root.resolve(name).normalize();
    if (!modelDir.getParent().equals(root)) {
      throw new IllegalArgumentException("model name '" + name + "' leaves " + root);
    }
    int version = registry.nextVersion(name);
    Path dir;
    try {
      Files.createDirectories(modelDir);
      // a folder once written is never overwritten: another store sharing this models
      // directory (or a reset store) may own v<N> already, so take the next free number
      while (true) {
        dir = modelDir.resolve("v" + version);
        try {
          Files.createDirectory(dir);
          break;
        } catch (FileAlreadyExistsException taken) {
          version++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a version folder under " + modelDir, e);
    }
    try {
      ModelSerializer.writeModel(net, dir.resolve(ModelVersion.MODEL_FILE).toFile(), true);
      start.scaler().save(dir);
      String sha = Weights.sha256(dir.resolve(ModelVersion.MODEL_FILE));
      long size = 0;
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          size += Files.size(p);
        }
      }
      ModelVersion v =
          new ModelVersion(
              name,
              version,
              start.parentName(),
              start.parentVersion(),
              strategy,
              dir,
              data.fingerprint(),
              data.firstLine(),
              data.lastLine(),
              run.metric(),
              run.testMetrics(),
              size,
              run.kwh(),
              run.kgCo2e(),
              run.epochs(),
              run.wallTime().toMillis() / 1000.0,
              clock.instant(),
              data.testWindow(),
              sha);
      if (jobId == null) {
        registry.register(v);
      } else {
        registry.register(v, jobId);
      }
      return v;
    } catch (IOException e) {
      delete(dir);
      throw new UncheckedIOException("cannot store " + name + " v" + version, e);
    } catch (RuntimeException e) {
      delete(dir);
      throw e;
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // best effort: an orphaned folder without a registry row is never read
    }
  }
}
