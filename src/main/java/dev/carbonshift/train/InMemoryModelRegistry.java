package dev.carbonshift.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class InMemoryModelRegistry implements ModelRegistry {
  private final List<ModelVersion> versions = new ArrayList<>();
  private final Map<String, ModelVersion> byJob = new HashMap<>();

  @Override
  public synchronized Optional<ModelVersion> latest(String name) {
    return versions.stream()
        .filter(v -> v.name().equals(name))
        .max(Comparator.comparingInt(ModelVersion::version));
  }

  @Override
  public synchronized Optional<ModelVersion> find(String name, int version) {
    return versions.stream()
        .filter(v -> v.name().equals(name) && v.version() == version)
        .findFirst();
  }

  @Override
  public synchronized List<ModelVersion> list(String name) {
    return versions.stream()
        .filter(v -> name == null || v.name().equals(name))
        .sorted(Comparator.comparing(ModelVersion::name).thenComparingInt(ModelVersion::version))
        .toList();
  }

  @Override
  public synchronized void register(ModelVersion version) {
    if (find(version.name(), version.version()).isPresent()) {
      throw new IllegalStateException(version.ref() + " exists already");
    }
    versions.add(version);
  }

  @Override
  public synchronized void register(ModelVersion version, String jobId) {
    register(version);
    byJob.put(jobId, version);
  }

  @Override
  public synchronized Optional<ModelVersion> producedBy(String jobId) {
    return Optional.ofNullable(byJob.get(jobId));
  }
}
