package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.Forecast;
import dev.carbonshift.carbon.ForecastCache;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.IntensityPoint;
import dev.carbonshift.carbon.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Stored forecasts and actuals, on every {@link StoreBackend}. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class IntensityRepositoryTest {
  static final Instant T0 = Instant.parse("2024-03-10T12:00:00Z");

  @Parameter StoreBackend backend;
  @TempDir Path dir;
  StoreBackend.Fresh store;
  IntensityRepository repo;

  @BeforeEach
  void a_fresh_store() {
    store = backend.fresh(dir);
    repo = new IntensityRepository(store.db());
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  static IntensityPoint point(int hour, double g, IntensityKind kind) {
    Instant s = T0.plus(Duration.ofHours(hour));
    return new IntensityPoint(
        "ES",
        s,
        s.plus(Duration.ofHours(1)),
        g,
        kind,
        Signal.AVERAGE,
        EmissionFactor.LIFECYCLE,
        "electricitymaps");
  }

  @Test
  void reads_back_the_points_with_their_labels_and_fetch_time() {
    List<IntensityPoint> pts =
        List.of(point(0, 150, IntensityKind.FORECAST), point(1, 140, IntensityKind.FORECAST));
    repo.save(new Forecast("ES", T0, pts), T0);

    ForecastCache.Stored s =
        repo.freshest("ES", "electricitymaps", T0, T0.plus(Duration.ofHours(2))).orElseThrow();

    assertThat(s.forecast().points()).isEqualTo(pts);
    assertThat(s.fetchedAt()).isEqualTo(T0);
  }

  @Test
  void an_actual_wins_over_the_forecast_of_the_same_hour() {
    repo.save(new Forecast("ES", T0, List.of(point(0, 150, IntensityKind.FORECAST))), T0);
    repo.save(
        new Forecast("ES", T0, List.of(point(0, 133, IntensityKind.ACTUAL))),
        T0.plus(Duration.ofHours(2)));

    Forecast f =
        repo.freshest("ES", "electricitymaps", T0, T0.plus(Duration.ofHours(1)))
            .orElseThrow()
            .forecast();

    assertThat(f.points())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(IntensityKind.ACTUAL);
              assertThat(p.gramsPerKwh()).isEqualTo(133);
            });
  }

  @Test
  void fetching_again_replaces_the_stored_value() {
    repo.save(new Forecast("ES", T0, List.of(point(0, 150, IntensityKind.FORECAST))), T0);
    repo.save(
        new Forecast("ES", T0, List.of(point(0, 120, IntensityKind.FORECAST))),
        T0.plus(Duration.ofMinutes(30)));

    ForecastCache.Stored s =
        repo.freshest("ES", "electricitymaps", T0, T0.plus(Duration.ofHours(1))).orElseThrow();

    assertThat(s.forecast().points().get(0).gramsPerKwh()).isEqualTo(120);
    assertThat(s.fetchedAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(repo.count("ES", "electricitymaps")).isEqualTo(1);
  }

  @Test
  void nothing_stored_for_another_zone_source_or_window() {
    repo.save(new Forecast("ES", T0, List.of(point(0, 150, IntensityKind.FORECAST))), T0);

    assertThat(repo.freshest("FR", "electricitymaps", T0, T0.plusSeconds(3600))).isEmpty();
    assertThat(repo.freshest("ES", "ukgrid", T0, T0.plusSeconds(3600))).isEmpty();
    assertThat(repo.freshest("ES", "electricitymaps", T0.plusSeconds(3600), T0.plusSeconds(7200)))
        .isEmpty();
  }
}
