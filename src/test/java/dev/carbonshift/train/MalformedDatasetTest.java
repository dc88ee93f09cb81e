package dev.carbonshift.train;

import static dev.carbonshift.train.TrainFixtures.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.Strategy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalformedDatasetTest {
  @TempDir Path dataDir;

  @Test
  void a_csv_without_the_label_column_fails_naming_the_header_line() {
    assertFailsNaming("missing-column.csv", "line 1", "column 3", "no column 'Carbon Intensity'");
  }

  @Test
  void a_non_numeric_cell_fails_naming_its_line_and_column_without_echoing_it() {
    assertFailsNaming("non-numeric.csv", "line 8", "column 2", "not a finite number");
  }

  @Test
  void an_empty_file_fails_naming_its_first_line() {
    assertFailsNaming("empty.csv", "line 1", "column 1", "empty");
  }

  private void assertFailsNaming(String file, String line, String column, String what) {
    Clock clock = TrainFixtures.ticking();
    ModelRegistry registry = ModelRegistry.inMemory();
    var job =
        TrainFixtures.job(
            "bad",
            "bad",
            Strategy.SCRATCH,
            null,
            new DatasetSpec(
                file,
                List.of(),
                "Carbon Intensity",
                "Time",
                null,
                null,
                4,
                1,
                1.0,
                null,
                null,
                List.of(),
                null),
            TrainFixtures.mlp(2, 0.003, 0),
            null);

    TrainingOutcome outcome =
        Trainers.dl4j(registry, dataDir, clock)
            .train(TrainingRequest.of(job, DIR, TrainFixtures.meter(clock)));

    assertThat(outcome).isInstanceOf(TrainingOutcome.Failed.class);
    String reason = ((TrainingOutcome.Failed) outcome).reason();
    assertThat(((TrainingOutcome.Failed) outcome).badInput()).isTrue();
    assertThat(reason).contains(file).contains(line + ",").contains(column).contains(what);
    // errors never echo the dataset's contents (the file may not be what the job says it is)
    assertThat(reason).doesNotContain("n/a").doesNotContain("Time,");
    assertThat(registry.list(null)).isEmpty();
    assertThat(dataDir.resolve("bad")).doesNotExist();
  }
}
