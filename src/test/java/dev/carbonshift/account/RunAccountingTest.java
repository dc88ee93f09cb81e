package dev.carbonshift.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.carbonshift.account.RunAccounting.Home;
import dev.carbonshift.account.RunAccounting.Place;
import dev.carbonshift.account.SeriesTimeline.Slot;
import dev.carbonshift.carbon.IntensityKind;
import dev.carbonshift.energy.Component;
import dev.carbonshift.energy.ComponentEnergy;
import dev.carbonshift.energy.EnergyReading;
import dev.carbonshift.energy.EnergySample;
import dev.carbonshift.energy.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known energy and intensity series in, known kWh, intensity and kgCO2e out. */
class RunAccountingTest {
  static final Instant T10 = Instant.parse("2024-03-01T10:00:00Z");
  static final Place ES = new Place("es", "ES", 1.2);
  static final Place DE = new Place("de", "DE", 1.5);

  /** A run from 10:00 for {@code watts.length} hours, each hour at the given power, one series. */
  static RunEnergy run(double... watts) {
    List<EnergySample> samples = new ArrayList<>();
    double joules = 0;
    for (int h = 0; h < watts.length; h++) {
      for (int m = 1; m <= 60; m++) { // one sample a minute
        joules += watts[h] * 60;
        samples.add(
            new EnergySample(
                T10.plusSeconds(h * 3600L + m * 60L),
                "gpu0",
                Component.GPU,
                Method.COUNTER,
                joules,
                watts[h]));
      }
    }
    Duration d = Duration.ofHours(watts.length);
    var reading =
        new EnergyReading(
            d, List.of(new ComponentEnergy(Component.GPU, joules, Method.COUNTER, "gpu0")));
    return new RunEnergy(T10, T10.plus(d), reading, samples, Duration.ofSeconds(60), List.of());
  }

  static Slot slot(String zone, int hour, double g, IntensityKind basis) {
    Instant s = T10.plus(Duration.ofHours(hour));
    return new Slot(
        zone, s, s.plus(Duration.ofHours(1)), g, basis, "test-" + basis.name().toLowerCase());
  }

  static Stream<Arguments> table() {
    var A = IntensityKind.ACTUAL;
    var F = IntensityKind.FORECAST;
    return Stream.of(
        // name, hourly watts, slots, expected g/kWh, expected basis, expected actual share
        Arguments.of(
            "flat power, one actual hour",
            new double[] {1000},
            List.of(slot("ES", 0, 200, A)),
            200.0,
            A,
            1.0),
        Arguments.of(
            "flat power, actual then forecast: time-weighted",
            new double[] {1000, 1000},
            List.of(slot("ES", 0, 100, A), slot("ES", 1, 300, F)),
            200.0,
            F,
            0.5),
        Arguments.of(
            "three times the power in the dirty hour: energy-weighted",
            new double[] {500, 1500},
            List.of(slot("ES", 0, 100, A), slot("ES", 1, 300, A)),
            250.0,
            A,
            1.0),
        Arguments.of(
            "an actual replaces the forecast of the same hour",
            new double[] {1000, 1000},
            List.of(
                slot("ES", 0, 999, F),
                slot("ES", 0, 100, A),
                slot("ES", 1, 300, A),
                slot("ES", 1, 1, F)),
            200.0,
            A,
            1.0),
        Arguments.of(
            "other zones are ignored",
            new double[] {1000},
            List.of(slot("DE", 0, 900, A), slot("ES", 0, 50, F)),
            50.0,
            F,
            0.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void intensity_the_run_saw(
      String name,
      double[] watts,
      List<Slot> slots,
      double grams,
      IntensityKind basis,
      double actualShare) {
    RunEnergy energy = run(watts);
    RunAccount a = RunAccounting.account(energy, ES, Optional.empty(), new SeriesTimeline(slots));

    double kwh = 0;
    for (double w : watts) {
      kwh += w / 1000;
    }
    Emissions e = a.emissions().orElseThrow();
    assertThat(a.itKwh()).isCloseTo(kwh, within(1e-9));
    assertThat(e.facilityKwh()).isCloseTo(kwh * 1.2, within(1e-9));
    assertThat(e.intensity().gramsPerKwh()).isCloseTo(grams, within(1e-6));
    assertThat(e.intensity().basis()).isEqualTo(basis);
    assertThat(e.intensity().actualShare()).isCloseTo(actualShare, within(1e-9));
    assertThat(e.kgCo2e()).isCloseTo(kwh * 1.2 * grams / 1000, within(1e-9));
  }

  @Test
  void baseline_charges_the_same_energy_at_submission_in_the_home_region() {
    RunEnergy energy = run(2000); // 2 kWh IT, 10:00-11:00 in ES
    Instant submitted = T10.minus(Duration.ofHours(8)); // 02:00, at home in DE
    var timeline =
        new SeriesTimeline(
            List.of(
                slot("ES", 0, 100, IntensityKind.ACTUAL),
                new Slot(
                    "DE",
                    submitted,
                    submitted.plus(Duration.ofHours(1)),
                    400,
                    IntensityKind.ACTUAL,
                    "de")));

    RunAccount a =
        RunAccounting.account(energy, ES, Optional.of(new Home(DE, submitted)), timeline);

    assertThat(a.emissions().orElseThrow().kgCo2e()).isCloseTo(2 * 1.2 * 0.100, within(1e-9));
    Emissions b = a.baseline().orElseThrow();
    assertThat(b.region()).isEqualTo("de");
    assertThat(b.facilityKwh()).isCloseTo(2 * 1.5, within(1e-9));
    assertThat(b.kgCo2e()).isCloseTo(2 * 1.5 * 0.400, within(1e-9));
    assertThat(a.avoidedKgCo2e().getAsDouble()).isCloseTo(1.2 - 0.24, within(1e-9));
  }

  @Test
  void no_intensity_for_the_home_leaves_the_baseline_unknown_and_says_so() {
    RunEnergy energy = run(1000);
    var timeline = new SeriesTimeline(List.of(slot("ES", 0, 100, IntensityKind.ACTUAL)));
    RunAccount a = RunAccounting.account(energy, ES, Optional.of(new Home(DE, T10)), timeline);
    assertThat(a.baseline()).isEmpty();
    assertThat(a.avoidedKgCo2e()).isEmpty();
    assertThat(a.notes())
        .anySatisfy(n -> assertThat(n).contains("no carbon intensity for zone DE"));
  }

  @Test
  void partial_coverage_is_noted_and_charged_at_the_covered_mean() {
    RunEnergy energy = run(1000, 1000);
    var timeline = new SeriesTimeline(List.of(slot("ES", 0, 120, IntensityKind.ACTUAL)));
    RunAccount a = RunAccounting.account(energy, ES, Optional.empty(), timeline);
    assertThat(a.emissions().orElseThrow().intensity().gramsPerKwh()).isCloseTo(120, within(1e-9));
    assertThat(a.emissions().orElseThrow().intensity().coverage()).isCloseTo(0.5, within(1e-9));
    assertThat(a.notes()).anySatisfy(n -> assertThat(n).contains("covered 50%"));
  }

  @Test
  void a_constant_yearly_average_is_marked_as_an_estimate() {
    RunAccount a =
        RunAccounting.account(
            run(1000),
            ES,
            Optional.empty(),
            IntensityTimeline.constant(150, IntensityKind.ESTIMATE, "yearly 2024"));
    Emissions e = a.emissions().orElseThrow();
    assertThat(e.intensity().basis()).isEqualTo(IntensityKind.ESTIMATE);
    assertThat(e.intensity().source()).isEqualTo("yearly 2024");
    assertThat(e.kgCo2e()).isCloseTo(1.2 * 0.150, within(1e-12));
  }

  @Test
  void energy_is_summed_per_component_and_method() {
    var reading =
        new EnergyReading(
            Duration.ofHours(1),
            List.of(
                new ComponentEnergy(Component.GPU, 1_800_000, Method.COUNTER, "gpu0"),
                new ComponentEnergy(Component.CPU, 360_000, Method.MODELLED, "model"),
                new ComponentEnergy(Component.GPU, 1_800_000, Method.COUNTER, "gpu1"),
                new ComponentEnergy(Component.CPU, 720_000, Method.COUNTER, "rapl"),
                new ComponentEnergy(Component.RAM, 36_000, Method.MODELLED, "ram")));
    var energy =
        new RunEnergy(
            T10,
            T10.plus(Duration.ofHours(1)),
            reading,
            List.of(),
            Duration.ofSeconds(1),
            List.of());
    RunAccount a =
        RunAccounting.account(energy, ES, Optional.empty(), (z, f, t) -> Optional.empty());

    assertThat(a.lines())
        .extracting(ComponentEnergy::component, ComponentEnergy::method, ComponentEnergy::kwh)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Component.CPU, Method.COUNTER, 0.2),
            org.assertj.core.groups.Tuple.tuple(Component.CPU, Method.MODELLED, 0.1),
            org.assertj.core.groups.Tuple.tuple(Component.GPU, Method.COUNTER, 1.0),
            org.assertj.core.groups.Tuple.tuple(Component.RAM, Method.MODELLED, 0.01));
    assertThat(a.lines().get(2).detail()).isEqualTo("gpu0\ngpu1");
    assertThat(a.methodSummary()).isEqualTo("CPU counter+modelled, GPU counter, RAM modelled");
    assertThat(a.itKwh()).isCloseTo(1.31, within(1e-12));
    assertThat(a.emissions()).isEmpty();
  }

  @Test
  void a_run_without_samples_is_weighted_by_time() {
    var reading =
        new EnergyReading(
            Duration.ofHours(2),
            List.of(new ComponentEnergy(Component.CPU, 7_200_000, Method.MODELLED, "m")));
    var energy =
        new RunEnergy(
            T10, T10.plus(Duration.ofHours(2)), reading, List.of(), Duration.ZERO, List.of());
    var timeline =
        new SeriesTimeline(
            List.of(
                slot("ES", 0, 100, IntensityKind.ACTUAL),
                slot("ES", 1, 200, IntensityKind.ACTUAL)));
    RunAccount a = RunAccounting.account(energy, ES, Optional.empty(), timeline);
    assertThat(a.emissions().orElseThrow().intensity().gramsPerKwh()).isCloseTo(150, within(1e-9));
  }
}
