package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.job.Strategy;
import dev.carbonshift.train.ModelVersion;
import dev.carbonshift.train.TestWindow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Model versions and their lineage, on every {@link StoreBackend}. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class ModelVersionRepositoryTest {
  private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

  @Parameter StoreBackend backend;
  @TempDir Path dir;
  StoreBackend.Fresh store;
  ModelVersionRepository repo;

  @BeforeEach
  void a_fresh_store() {
    store = backend.fresh(dir);
    repo = new ModelVersionRepository(store.db());
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  private static ModelVersion version(
      String name, int v, String parentName, Integer parent, Strategy s) {
    return new ModelVersion(
        name,
        v,
        parentName,
        parent,
        s,
        Path.of("/models", name, "v" + v),
        "ab".repeat(32),
        2,
        745,
        "mae",
        Map.of("mae", 7.5, "rmse", 9.25),
        4096,
        0.0125,
        0.003,
        12,
        30.5,
        T0.plusSeconds(v),
        new TestWindow(
            "2022-02-01T00:00:00Z",
            "2022-02-07T23:00:00Z",
            168,
            Map.of("persistence", Map.of("mae", 9.0), "seasonal-week", Map.of("mae", 11.5))),
        "cd".repeat(32));
  }

  @Test
  void stored_versions_come_back_equal_with_their_lineage() {
    ModelVersion base = version("seattle", 1, null, null, Strategy.SCRATCH);
    ModelVersion next = version("seattle", 2, "seattle", 1, Strategy.INCREMENTAL);
    ModelVersion other = version("newyork", 1, "seattle", 2, Strategy.TRANSFER);
    repo.register(base);
    repo.register(next);
    repo.register(other);

    assertThat(repo.latest("seattle")).contains(next);
    assertThat(repo.find("seattle", 1)).contains(base);
    assertThat(repo.find("seattle", 3)).isEmpty();
    assertThat(repo.list(null)).containsExactly(other, base, next);
    assertThat(repo.list("newyork").get(0).parentRef()).isEqualTo("seattle:2");
    assertThat(repo.nextVersion("newyork")).isEqualTo(2);
  }

  @Test
  void a_version_number_is_never_given_twice() {
    repo.register(version("es", 1, null, null, Strategy.SCRATCH));
    assertThatThrownBy(() -> repo.register(version("es", 1, null, null, Strategy.SCRATCH)))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void the_version_a_job_produced_is_found_by_the_job_and_by_no_other() {
    ModelVersion v1 = version("es", 1, null, null, Strategy.SCRATCH);
    ModelVersion v2 = version("es", 2, "es", 1, Strategy.INCREMENTAL);
    repo.register(v1); // trained from a file: no stored job
    repo.register(v2, "job-2");

    assertThat(repo.producedBy("job-2")).contains(v2);
    assertThat(repo.producedBy("job-1")).isEmpty();
  }
}
