package dev.carbonshift.sim;

import static dev.carbonshift.sim.SimulateCommandTest.FIXTURES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.carbon.trace.TraceReader;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A workload's optional {@code gpus} column, and a replay that keeps every region's GPU count. */
class GpuReplayTest {
  static final Path WORKLOAD = FIXTURES.resolve("workload-gpus.csv");
  static final Path REGIONS = FIXTURES.resolve("regions-gpus");

  @TempDir Path tmp;

  @Test
  void the_gpus_column_is_read_and_a_workload_without_it_holds_no_gpu() throws IOException {
    List<SimJob> jobs = WorkloadReader.read(WORKLOAD, null);
    // what the file says, read here cell by cell
    List<String> rows = Files.readAllLines(WORKLOAD);
    Map<String, Integer> stated = new HashMap<>();
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split(",", -1);
      stated.put(c[0], c[8].isBlank() ? 0 : Integer.parseInt(c[8]));
    }

    assertThat(jobs).hasSize(stated.size());
    assertThat(jobs).allSatisfy(j -> assertThat(j.gpus()).isEqualTo(stated.get(j.id())));
    assertThat(jobs).anyMatch(j -> j.gpus() == 0).anyMatch(j -> j.gpus() > 1);
    assertThat(jobs.get(1).toPlanJob().gpus()).isEqualTo(jobs.get(1).gpus());
    assertThat(WorkloadReader.read(FIXTURES.resolve("workload.csv"), null))
        .isNotEmpty()
        .allSatisfy(j -> assertThat(j.gpus()).isZero());
  }

  @Test
  void a_bad_gpus_cell_names_file_line_and_column() throws IOException {
    Path w = tmp.resolve("w.csv");
    Files.writeString(
        w,
        SimulateInputTest.HEADER.strip()
            + ",gpus\n"
            + "a,2022-03-02T00:00:00Z,2,1,10,false,es,*,2\n"
            + "b,2022-03-02T00:00:00Z,2,1,10,false,es,*,two\n");

    assertThatThrownBy(() -> WorkloadReader.read(w, null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("w.csv:3")
        .hasMessageContaining("gpus")
        .hasMessageContaining("two");
  }

  @Test
  void a_replay_never_puts_more_gpus_in_a_slot_than_the_region_counts() throws IOException {
    Map<String, Integer> counts =
        RegionCatalog.load(REGIONS).all().stream()
            .collect(Collectors.toMap(Region::id, r -> r.gpus().count()));

    SimResult r = replay(REGIONS);
    // the same regions counting jobs only: the clean region's GPUs would be over-filled
    SimResult blind = replay(withoutGpus(REGIONS));

    assertThat(r.jobs()).isEqualTo(WorkloadReader.read(WORKLOAD, null).size());
    assertThat(r.deadlineMisses()).isZero();
    Map<String, Map<Long, Integer>> used = gpusPerHour(r);
    used.forEach(
        (region, perHour) ->
            assertThat(perHour.values())
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(counts.get(region))));
    assertThat(used.get("no")).isNotEmpty();
    assertThat(gpusPerHour(blind).get("no").values()).anyMatch(n -> n > counts.get("no"));
  }

  private SimResult replay(Path regions) {
    return Simulations.run(
        new Simulations.Inputs(
            regions,
            FIXTURES.resolve("traces"),
            WORKLOAD,
            Policy.CARBON_AWARE,
            "perfect",
            1,
            TraceReader.Options.DEFAULT,
            List.of(),
            null,
            false));
  }

  /** GPUs in use per region and hour slot: a job holds its GPUs in every hour it touches. */
  private static Map<String, Map<Long, Integer>> gpusPerHour(SimResult r) {
    Map<String, SimJob> jobs =
        WorkloadReader.read(WORKLOAD, null).stream()
            .collect(Collectors.toMap(SimJob::id, Function.identity()));
    Map<String, Map<Long, Integer>> used = new HashMap<>();
    for (SimPlacement p : r.placements()) {
      // non-interruptible jobs: one stretch from start to end
      assertThat(p.slices()).isEqualTo(1);
      long from = Math.floorDiv(p.start().getEpochSecond(), 3600);
      long to = Math.floorDiv(p.end().getEpochSecond() - 1, 3600);
      for (long h = from; h <= to; h++) {
        used.computeIfAbsent(p.region(), x -> new HashMap<>())
            .merge(h, jobs.get(p.job()).gpus(), Integer::sum);
      }
    }
    return used;
  }

  private Path withoutGpus(Path regions) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("blind"));
    try (var files = Files.list(regions)) {
      for (Path f : files.toList()) {
        List<String> lines =
            Files.readAllLines(f).stream().filter(l -> !l.startsWith("gpus:")).toList();
        Files.write(dir.resolve(f.getFileName()), lines);
      }
    }
    return dir;
  }
}
