package dev.carbonshift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.account.RunAccount;
import dev.carbonshift.account.RunAccounting;
import dev.carbonshift.account.RunEnergy;
import dev.carbonshift.account.SeriesTimeline;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.EnergyReading;
import dev.carbonshift.energy.EnergySample;
import dev.carbonshift.energy.Method;
import dev.carbonshift.job.JobParser;
import dev.carbonshift.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs with their energy accounting and samples, on every {@link StoreBackend}. */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class RunRepositoryTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");

  @Parameter StoreBackend backend;
  @TempDir Path dir;
  StoreBackend.Fresh store;
  RunRepository runs;

  @BeforeEach
  void aJob() {
    store = backend.fresh(dir);
    Database db = store.db();
    TestClock clock = new TestClock(T0.minus(Duration.ofHours(8)));
    new JobRepository(db, clock)
        .insert(
            "job-1",
            new JobParser(Set.of("es", "de"), clock, cron -> null)
                .parse(
                    "job.yaml",
                    "name: j\nkind: train\nregions: [es, de]\nhome: de\n",
                    Path.of("job.yaml")));
    runs = new RunRepository(db);
  }

  /** One hour on a GPU counter (1 kWh) and a modelled CPU (0.1 kWh), samples each second. */
  static RunAccount account(List<EnergySample> samples) {
    Instant end = T0.plus(Duration.ofHours(1));
    for (int s = 1; s <= 3600; s++) {
      samples.add(
          new EnergySample(
              T0.plusSeconds(s), "gpu0", Component.GPU, Method.COUNTER, 1000.0 * s, 1000));
      samples.add(
          new EnergySample(
              T0.plusSeconds(s), "model:cpu", Component.CPU, Method.MODELLED, 100.0 * s, 100));
    }
    var reading =
        new EnergyReading(
            Duration.ofHours(1),
            List.of(
                new ComponentEnergy(Component.GPU, 3_600_000, Method.COUNTER, "GPU 0 NVIDIA H100"),
                new ComponentEnergy(Component.CPU, 360_000, Method.MODELLED, "12 W per core")));
    var energy =
        new RunEnergy(
            T0, end, reading, samples, Duration.ofSeconds(1), List.of("RAPL: permission denied"));
    var timeline =
        new SeriesTimeline(
            List.of(
                new SeriesTimeline.Slot(
                    "ES", T0.minusSeconds(3600), end, 120, IntensityKind.FORECAST, "trace"),
                new SeriesTimeline.Slot(
                    "DE", T0.minus(Duration.ofHours(9)), T0, 380, IntensityKind.ACTUAL, "em")));
    return RunAccounting.account(
        energy,
        new RunAccounting.Place("es", "ES", 1.2),
        Optional.of(
            new RunAccounting.Home(
                new RunAccounting.Place("de", "DE", 1.5), T0.minus(Duration.ofHours(8)))),
        timeline);
  }

  @Test
  void a_started_run_is_running_with_a_heartbeat() {
    long id = runs.start("job-1", "es", T0);
    runs.heartbeat(id, T0.plusSeconds(30));
    RunRecord r = runs.find(id).orElseThrow();
    assertThat(r.state()).isEqualTo(RunState.RUNNING);
    assertThat(r.startedAt()).isEqualTo(T0);
    assertThat(r.heartbeatAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(r.endedAt()).isNull();
    assertThat(r.accounting()).isNull();
    assertThat(runs.running()).extracting(RunRecord::id).containsExactly(id);
  }

  @Test
  void a_finished_run_keeps_every_accounting_field() {
    long id = runs.start("job-1", "es", T0);
    List<EnergySample> samples = new ArrayList<>();
    RunAccount a = account(samples);
    runs.finish(id, RunState.SUCCEEDED, a, samples);

    RunRecord r = runs.find(id).orElseThrow();
    assertThat(r.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(r.endedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    RunRecord.Accounting x = r.accounting();
    assertThat(x.itKwh()).isCloseTo(1.1, within(1e-12));
    assertThat(x.pue()).isEqualTo(1.2);
    assertThat(x.facilityKwh()).isCloseTo(1.32, within(1e-12));
    assertThat(x.intensityGramsPerKwh()).isCloseTo(120, within(1e-9));
    assertThat(x.intensityKind()).isEqualTo("FORECAST");
    assertThat(x.intensityActualShare()).isEqualTo(0.0);
    assertThat(x.intensitySource()).isEqualTo("trace");
    assertThat(x.kgCo2e()).isCloseTo(1.32 * 0.12, within(1e-12));
    assertThat(x.baselineRegion()).isEqualTo("de");
    assertThat(x.baselinePue()).isEqualTo(1.5);
    assertThat(x.baselineGramsPerKwh()).isCloseTo(380, within(1e-9));
    assertThat(x.baselineIntensityKind()).isEqualTo("ACTUAL");
    assertThat(x.baselineKgCo2e()).isCloseTo(1.1 * 1.5 * 0.38, within(1e-12));
    assertThat(x.avoidedKgCo2e()).isCloseTo(1.1 * 1.5 * 0.38 - 1.32 * 0.12, within(1e-12));
    assertThat(x.energyMethod()).isEqualTo("CPU modelled, GPU counter");
    assertThat(x.samplingInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(x.notes()).contains("RAPL: permission denied");
    assertThat(x.energy())
        .extracting(ComponentEnergy::component, ComponentEnergy::method)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Component.CPU, Method.MODELLED),
            org.assertj.core.groups.Tuple.tuple(Component.GPU, Method.COUNTER));
    assertThat(x.energy().get(1).kwh()).isCloseTo(1.0, within(1e-12));
    assertThat(x.energy().get(1).detail()).isEqualTo("GPU 0 NVIDIA H100");
    assertThat(runs.forJob("job-1")).extracting(RunRecord::id).containsExactly(id);
    assertThat(runs.running()).isEmpty();
  }

  @Test
  void samples_are_thinned_without_losing_energy() {
    long id = runs.start("job-1", "es", T0);
    List<EnergySample> samples = new ArrayList<>();
    runs.finish(id, RunState.SUCCEEDED, account(samples), samples);

    List<EnergySample> stored = runs.samples(id);
    List<EnergySample> gpu = stored.stream().filter(s -> s.series().equals("gpu0")).toList();
    assertThat(gpu.size()).isBetween(400, RunRepository.SAMPLES_PER_SERIES + 1);
    assertThat(gpu.get(0).at()).isEqualTo(T0.plusSeconds(1));
    assertThat(gpu.get(gpu.size() - 1).joules()).isEqualTo(3_600_000.0);
    assertThat(gpu.get(gpu.size() - 1).at()).isEqualTo(T0.plusSeconds(3600));
    assertThat(gpu).allSatisfy(s -> assertThat(s.watts()).isCloseTo(1000, within(1e-6)));
    assertThat(stored).anySatisfy(s -> assertThat(s.series()).isEqualTo("model:cpu"));
  }

  @Test
  void a_run_finishes_once() {
    long id = runs.start("job-1", "es", T0);
    runs.finish(id, RunState.FAILED, T0.plusSeconds(5));
    assertThat(runs.find(id).orElseThrow().state()).isEqualTo(RunState.FAILED);
    assertThatThrownBy(() -> runs.finish(id, RunState.SUCCEEDED, T0.plusSeconds(6)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("already FAILED");
    assertThatThrownBy(() -> runs.heartbeat(id, T0.plusSeconds(7)))
        .hasMessageContaining("no running run");
    assertThatThrownBy(() -> runs.finish(99, RunState.FAILED, T0))
        .hasMessageContaining("no run 99");
  }

  @Test
  void checkpoint_and_model_are_recorded() {
    long id = runs.start("job-1", "es", T0);
    runs.checkpoint(id, "/ckpt/epoch-3.zip");
    runs.recordModel(id, 42, "mae", 17.5);
    RunRecord r = runs.find(id).orElseThrow();
    assertThat(r.checkpointPath()).isEqualTo("/ckpt/epoch-3.zip");
    assertThat(r.modelVersionId()).isEqualTo(42L);
    assertThat(r.metricName()).isEqualTo("mae");
    assertThat(r.metricValue()).isEqualTo(17.5);
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }
}
