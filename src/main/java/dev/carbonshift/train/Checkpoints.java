package dev.carbonshift.train;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checkpoints of one job: the network with its updater state, the best parameters seen and the
 * loop's counters. The state file is replaced atomically and written last, so a crash while saving
 * leaves the previous checkpoint intact.
 */
final class Checkpoints {
  private static final String STATE = "state.json";
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /**
   * Counters of a run at a checkpoint.
   *
   * @param key identifies the job, its data and its starting version; another key is not resumed
   * @param phase 0 training, 1 fine-tuning all layers
   * @param epoch epochs done in this phase
   * @param totalEpochs epochs done over all phases
   * @param kwhSoFar energy of the run up to this checkpoint, over every session
   */
  record State(
      String key,
      int phase,
      int epoch,
      int totalEpochs,
      double bestMetric,
      int sinceBest,
      double kwhSoFar,
      double wallSecondsSoFar,
      double initialLoss,
      double lastLoss) {}

  record Saved(State state, MultiLayerNetwork net, INDArray bestParams) {}

  private final Path dir;

  Checkpoints(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** The last checkpoint if it belongs to the same job and data, else empty. */
  Optional<Saved> load(String key) {
    Path state = dir.resolve(STATE);
    if (!Files.exists(state)) {
      return Optional.empty();
    }
    try {
      State s = JSON.readValue(state.toFile(), State.class);
      if (!s.key().equals(key)) {
        return Optional.empty();
      }
      MultiLayerNetwork net =
          ModelSerializer.restoreMultiLayerNetwork(model(s.totalEpochs()).toFile(), true);
      Path best = best(s.totalEpochs());
      INDArray bestParams = Files.exists(best) ? Nd4j.readBinary(best.toFile()) : null;
      return Optional.of(new Saved(s, net, bestParams));
    } catch (IOException | RuntimeException e) {
      // an unreadable checkpoint costs a restart, never a wrong model
      return Optional.empty();
    }
  }

  void save(State s, MultiLayerNetwork net, INDArray bestParams) {
    try {
      Files.createDirectories(dir);
      ModelSerializer.writeModel(net, model(s.totalEpochs()).toFile(), true);
      if (bestParams != null) {
        Nd4j.saveBinary(bestParams, best(s.totalEpochs()).toFile());
      }
      Path tmp = dir.resolve(STATE + ".tmp");
      JSON.writeValue(tmp.toFile(), s);
      Files.move(
          tmp,
          dir.resolve(STATE),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      String keepModel = model(s.totalEpochs()).getFileName().toString();
      String keepBest = best(s.totalEpochs()).getFileName().toString();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          String n = p.getFileName().toString();
          if ((n.startsWith("model-") || n.startsWith("best-"))
              && !n.equals(keepModel)
              && !n.equals(keepBest)) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + dir, e);
    }
  }

  void clear() {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove checkpoints in " + dir, e);
    }
  }

  private Path model(int totalEpochs) {
    return dir.resolve("model-" + totalEpochs + ".zip");
  }

  private Path best(int totalEpochs) {
    return dir.resolve("best-" + totalEpochs + ".bin");
  }
}
