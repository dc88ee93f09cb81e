package dev.carbonshift.train;

import java.util.List;
import java.util.Optional;

/** Where model versions are recorded; the files themselves live under the trainer's data folder. */
public interface ModelRegistry {

  Optional<ModelVersion> latest(String name);

  Optional<ModelVersion> find(String name, int version);

  /** Versions of one model, or of all models when {@code name} is null, by name then version. */
  List<ModelVersion> list(String name);

  /** Records a new version; fails if that name and version exist already. */
  void register(ModelVersion version);

  /**
   * Records a new version produced by a stored job, in the same write as the version itself, so
   * that a job interrupted after its version was registered finds it again ({@link #producedBy})
   * instead of training and registering a second one.
   */
  void register(ModelVersion version, String jobId);

  /** The version a stored job produced, if it got that far. */
  Optional<ModelVersion> producedBy(String jobId);

  default int nextVersion(String name) {
    return latest(name).map(v -> v.version() + 1).orElse(1);
  }

  /** A registry that lives as long as the object, for tests and benchmarks. */
  static ModelRegistry inMemory() {
    return new InMemoryModelRegistry();
  }
}
