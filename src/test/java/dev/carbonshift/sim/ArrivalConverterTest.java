package dev.carbonshift.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.config.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrivalConverterTest {
  static final Instant START = Instant.parse("2022-03-02T00:00:00Z");

  @TempDir Path tmp;

  @Test
  void turns_arrivals_in_seconds_into_jobs_with_slack_and_power_per_cpu() throws IOException {
    Path f = tmp.resolve("pai.csv");
    Files.writeString(f, "arrival_time,length,cpus\n0.0,6302.0,1\n68.0,1000.0,4\n");

    List<SimJob> jobs = WorkloadReader.read(f, new ArrivalOptions(START, 0, 50, 6, "es", 0, 1));

    assertThat(jobs).hasSize(2);
    SimJob second = jobs.get(1);
    assertThat(second.submitted()).isEqualTo(START.plusSeconds(68));
    assertThat(second.duration()).isEqualTo(Duration.ofSeconds(1000));
    assertThat(second.powerKw()).isEqualTo(0.2);
    assertThat(second.deadline()).isEqualTo(second.submitted().plusSeconds(1000 + 6 * 3600));
    assertThat(second.home()).isEqualTo("es");
  }

  @Test
  void reads_hours_when_lengths_are_small() throws IOException {
    Path f = tmp.resolve("pai-100k.csv");
    Files.writeString(f, "arrival_time,length,cpus\n0.5,2.0,1\n1.0,3.0,1\n");

    List<SimJob> jobs = WorkloadReader.read(f, new ArrivalOptions(START, 0, 50, 6, "es", 0, 1));

    assertThat(jobs.get(0).submitted()).isEqualTo(START.plusSeconds(1800));
    assertThat(jobs.get(1).duration()).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void a_row_with_a_missing_column_names_file_and_line() throws IOException {
    Path f = tmp.resolve("bad.csv");
    Files.writeString(f, "arrival_time,length,cpus\n0.0,6302.0,1\n68.0,1000.0\n");

    assertThatThrownBy(
            () -> WorkloadReader.read(f, new ArrivalOptions(START, 0, 50, 6, "es", 0, 1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("bad.csv:3")
        .hasMessageContaining("cpus");
  }
}
