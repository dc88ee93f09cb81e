package dev.carbonshift.carbon.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.carbon.CarbonSource;
import dev.carbonshift.carbon.ForecastCache;
import dev.carbonshift.carbon.ForecastResult;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.carbon.RegionForecast;
import dev.carbonshift.carbon.Regions;
import dev.carbonshift.carbon.Unavailable;
import dev.carbonshift.carbon.YearlyAverageSource;
import dev.carbonshift.carbon.YearlyAverages;
import dev.carbonshift.region.Region;
import dev.carbonshift.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SourceChainTest {
  static final Instant NOW = Instant.parse("2024-03-10T12:00:00Z");
  final TestClock clock = new TestClock(NOW);
  final YearlyAverageSource yearly = new YearlyAverageSource(YearlyAverages.bundled(), clock);

  static CarbonSource source(String name, java.util.function.Supplier<ForecastResult> answer) {
    return new CarbonSource() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ForecastResult forecast(Region region, Instant from, Instant to) {
        return answer.get();
      }
    };
  }

  SourceChain chain(Map<String, CarbonSource> sources) {
    return new SourceChain(
        sources,
        name -> Optional.empty(),
        yearly,
        ForecastCache.NONE,
        clock,
        s -> s.replace("hunter2", "***"),
        dev.carbonshift.carbon.RefreshPolicy.DEFAULT);
  }

  @Test
  void a_source_that_throws_does_not_stop_planning_and_the_reason_names_the_exception() {
    CarbonSource broken =
        source(
            "electricitymaps",
            () -> {
              throw new IllegalStateException("bug with hunter2");
            });

    RegionForecast r =
        chain(Map.of("electricitymaps", broken, "yearly", yearly))
            .forecast(
                Regions.region("es", "ES", List.of("electricitymaps", "yearly"), null),
                NOW,
                NOW.plus(Duration.ofHours(3)));

    assertThat(r.source()).isEqualTo("yearly");
    assertThat(r.provenance())
        .startsWith(
            "electricitymaps: failed unexpectedly: IllegalStateException: bug with *** → yearly average");
  }

  @Test
  void an_unknown_source_name_is_noted_and_skipped() {
    RegionForecast r =
        chain(Map.of("yearly", yearly))
            .forecast(
                Regions.region("es", "ES", List.of("carbonoracle"), null),
                NOW,
                NOW.plus(Duration.ofHours(3)));

    assertThat(r.failures())
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.source()).isEqualTo("carbonoracle");
              assertThat(u.reason()).startsWith("unknown source");
            });
    assertThat(r.source()).isEqualTo("yearly");
  }

  @Test
  void the_yearly_average_ends_every_chain_even_when_not_listed() {
    CarbonSource down = source("ukgrid", () -> new Unavailable("GB", "ukgrid", "HTTP 500"));

    RegionForecast r =
        chain(Map.of("ukgrid", down))
            .forecast(
                Regions.region("gb", "GB", List.of("ukgrid"), null),
                NOW,
                NOW.plus(Duration.ofHours(3)));

    assertThat(r.provenance())
        .isEqualTo("ukgrid: HTTP 500 → yearly average 2024 for GB (estimate)");
    assertThat(r.forecast().points())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(IntensityKind.ESTIMATE);
              assertThat(p.start()).isEqualTo(NOW);
              assertThat(p.end()).isEqualTo(NOW.plus(Duration.ofHours(3)));
            });
  }

  @Test
  void a_zone_without_a_yearly_mean_gets_the_world_average_and_says_so() {
    RegionForecast r =
        chain(Map.of())
            .forecast(
                Regions.region("mars", "XX-MARS", List.of(), null),
                NOW,
                NOW.plus(Duration.ofHours(1)));

    assertThat(r.forecast().points().get(0).gramsPerKwh())
        .isEqualTo(YearlyAverageSource.WORLD_GRAMS_PER_KWH);
    assertThat(r.provenance()).contains("world average");
  }

  @Test
  void the_default_chain_is_trace_then_yearly() {
    RegionForecast r =
        chain(Map.of("yearly", yearly))
            .forecast(
                Regions.region("es", "ES", List.of(), null), NOW, NOW.plus(Duration.ofHours(1)));

    assertThat(r.failures()).extracting(Unavailable::source).containsExactly("trace");
    assertThat(r.source()).isEqualTo("yearly");
  }
}
