package dev.carbonshift.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.config.InvalidInputException;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The descriptor's {@code gpus} field: how many GPUs a job holds while it runs. */
class GpusFieldTest {
  private final JobParser parser =
      new JobParser(
          JobParserTest.REGIONS,
          Clock.fixed(JobParserTest.NOW, ZoneOffset.UTC),
          JobParserTest.CRON);

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
}
