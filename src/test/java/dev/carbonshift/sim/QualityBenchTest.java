package dev.carbonshift.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.carbon.trace.Trace;
import dev.carbonshift.carbon.trace.TraceReader;
import dev.carbonshift.plan.PlanRegion;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QualityBenchTest {
  private static final Map<String, Trace> BUNDLED =
      TraceReader.readFolder(
          Path.of("data/traces"),
          new TraceReader.Options(TraceReader.Options.DEFAULT.factor(), true));
  private final QualityBench bench =
      new QualityBench(BUNDLED, new PrintWriter(Writer.nullWriter()));

  @Test
  void scenarios_use_the_largest_set_of_zones_that_share_time() {
    // the bundled folder holds 2022 traces of three zones and 2020 ones of two
    assertThat(bench.commonZones().stream().map(Trace::zone))
        .containsExactlyInAnyOrder("ES", "NO", "US-CAL-CISO");
  }

  @Test
  void a_series_draws_the_same_scenarios_again_and_different_ones_per_index() {
    Set<String> starts = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      QualityBench.Scenario a = bench.draw(7, i, true);
      QualityBench.Scenario b = bench.draw(7, i, true);
      assertThat(a.description()).isEqualTo(b.description());
      assertThat(a.jobs()).isEqualTo(b.jobs());
      starts.add(a.description().split(", ")[0]);
    }
    assertThat(starts).hasSizeGreaterThan(5);
  }

  @Test
  void a_binding_scenario_makes_the_cleanest_region_small_and_keeps_the_family() {
    QualityBench.Scenario s = bench.draw(3, 0, true);
    PlanRegion smallest =
        s.world().regions().stream().min((x, y) -> x.capacity() - y.capacity()).orElseThrow();
    assertThat(smallest.capacity()).isBetween(1, 4);
    assertThat(s.world().regions()).filteredOn(r -> r != smallest).allMatch(r -> r.capacity() >= 5);
    assertThat(s.jobs()).hasSize(QualityBench.JOBS);
    assertThat(s.jobs())
        .allMatch(j -> !j.duration().minusHours(1).isNegative())
        .allMatch(j -> j.duration().compareTo(Duration.ofHours(12)) <= 0)
        .allMatch(j -> !j.home().equals(smallest.id()));
    long interruptible = s.jobs().stream().filter(SimJob::interruptible).count();
    assertThat(interruptible).isBetween(90L, 150L);
    assertThat(bench.draw(3, 0, false).world().regions()).allMatch(r -> r.capacity() == 1000);
  }

  @Test
  void a_folder_without_two_zones_sharing_time_is_refused() {
    QualityBench one =
        new QualityBench(Map.of("ES", BUNDLED.get("ES")), new PrintWriter(Writer.nullWriter()));
    assertThatThrownBy(one::commonZones).hasMessageContaining("at least two zones");
  }
}
