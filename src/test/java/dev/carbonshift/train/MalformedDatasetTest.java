package dev.carbonshift.train;

import static dev.carbonshift.train.TrainFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.Strategy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedDatasetTest {
  @TempDir Path dataDir;

  @ParameterizedTest
  @CsvSource({
    "missing-column.csv, line 1, column 3, 'no column ''Carbon Intensity'''",
    "non-numeric.csv, line 8, column 2, 'n/a'",
    "empty.csv, line 1, column 1, empty",
  })
  void a_malformed_csv_fails_naming_file_line_and_column_and_writes_no_version(
      String file, String line, String column, String what) {
    Clock clock = TrainFixtures.ticking();
    ModelRegistry registry = ModelRegistry.inMemory();
    var job =
        TrainFixtures.job(
            "bad",
            "bad",
            Strategy.SCRATCH,
            null,
            new DatasetSpec(
                file, List.of(), "Carbon Intensity", "Time", null, null, 4, 1, 1.0, null, null),
            TrainFixtures.mlp(2, 0.003, 0),
            null);

    TrainingOutcome outcome =
        Trainers.dl4j(registry, dataDir, clock)
            .train(TrainingRequest.of(job, DIR, TrainFixtures.meter(clock)));

    assertThat(outcome).isInstanceOf(TrainingOutcome.Failed.class);
    String reason = ((TrainingOutcome.Failed) outcome).reason();
    assertThat(reason).contains(file).contains(line + ",").contains(column).contains(what);
    assertThat(registry.list(null)).isEmpty();
    assertThat(dataDir.resolve("bad")).doesNotExist();
  }
}
