package dev.carbonshift.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.daemon.JobIntake;
import dev.carbonshift.region.RegionCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The descriptor's {@code gpus} field: how many GPUs a job holds while it runs. */
class GpusFieldTest {
  private final JobParser parser = JobParserTest.parser();

  private static String descriptor(String gpusLine) {
    return """
    name: big
    kind: train
    estimate:
      duration: 2h
      powerWatts: 2000
    %s
    regions: [es, no]
    home: es
    """
        .formatted(gpusLine);
  }

  @Test
  void a_job_asks_for_gpus_and_one_that_does_not_say_asks_for_none() {
    assertThat(parser.parse("a.yaml", descriptor("gpus: 4"), null).spec().gpus()).isEqualTo(4);
    assertThat(parser.parse("b.yaml", descriptor("team: ml"), null).spec().gpus()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpus: 0", "gpus: -2", "gpus: 1.5", "gpus: many", "gpus: 5000"})
  void a_bad_gpus_value_names_file_field_and_line(String line) {
    assertThatThrownBy(() -> parser.parse("big.yaml", descriptor(line), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.file()).isEqualTo("big.yaml");
              assertThat(e.field()).isEqualTo("gpus");
              assertThat(e.line()).isEqualTo(6);
            });
  }

  /** The shipped regions: es has 4 GPUs, no 2, de 8; fr does not count its GPUs. */
  private final JobParser shipped =
      JobIntake.parserFor(
          RegionCatalog.load(Path.of("regions")), Clock.fixed(JobParserTest.NOW, ZoneOffset.UTC));

  @Test
  void a_job_asking_more_gpus_than_every_region_it_may_run_in_has_is_refused() {
    assertThatThrownBy(() -> shipped.parse("big.yaml", descriptor("gpus: 8"), null))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> {
              assertThat(e.file()).isEqualTo("big.yaml");
              assertThat(e.field()).isEqualTo("gpus");
              assertThat(e.line()).isEqualTo(6);
              assertThat(e.getMessage()).contains("es has 4").contains("no has 2");
            });
    // as many as es has fits there
    assertThat(shipped.parse("big.yaml", descriptor("gpus: 4"), null).spec().gpus()).isEqualTo(4);
  }

  @Test
  void a_region_with_enough_gpus_or_without_a_count_lets_the_job_in() {
    String toDe = descriptor("gpus: 8").replace("regions: [es, no]", "regions: [es, de]");
    String toFr = descriptor("gpus: 8").replace("regions: [es, no]", "regions: [es, fr]");
    String anywhere = descriptor("gpus: 8").replace("regions: [es, no]", "regions: ['*']");

    assertThat(shipped.parse("de.yaml", toDe, null).spec().gpus()).isEqualTo(8);
    assertThat(shipped.parse("fr.yaml", toFr, null).spec().gpus()).isEqualTo(8);
    assertThat(shipped.parse("any.yaml", anywhere, null).spec().gpus()).isEqualTo(8);
  }
}
