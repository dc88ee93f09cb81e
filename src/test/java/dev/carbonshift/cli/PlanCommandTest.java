package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.plan.PlanJob;
import dev.carbonshift.region.RegionCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code carbonshift plan}: a dry run, offline, from a work dir that holds only the job files. */
class PlanCommandTest {
  private static final Path PROJECT = Path.of("").toAbsolutePath();
  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<String> ALLOWED = List.of("es", "no", "fr", "se-se3", "de");

  @TempDir Path work;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void copyTheExampleJob() throws IOException {
    Files.createDirectories(work.resolve("jobs"));
    Files.copy(
        PROJECT.resolve("jobs/forecaster-es-train.yaml"),
        work.resolve("jobs/forecaster-es-train.yaml"));
  }

  private Run run(String... args) {
    CommandLine cli =
        Main.commandLine(new Context(Clock.fixed(NOW, ZoneOffset.UTC), Map.of(), work, PROJECT));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void plan_json_places_the_job_in_an_allowed_region_with_its_energy_emissions_and_sources()
      throws IOException {
    Run plan = run("plan", "jobs/forecaster-es-train.yaml", "--json");

    assertThat(plan.exit()).as(plan.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(plan.out());
    assertThat(root.path("method").asText()).matches("(exact|heuristic).*");
    JsonNode placements = root.path("placements");
    assertThat(placements.size()).isEqualTo(1);
    JsonNode p = placements.get(0);
    assertThat(p.path("job").asText()).isEqualTo("ci-forecaster-es");
    String region = p.path("region").asText();
    assertThat(region).isIn(ALLOWED);
    Instant start = Instant.parse(p.path("start").asText());
    Instant end = Instant.parse(p.path("end").asText());
    assertThat(start).isAfterOrEqualTo(NOW);
    assertThat(Duration.between(start, end)).isEqualTo(Duration.ofHours(2));
    assertThat(end).isBeforeOrEqualTo(NOW.plus(Duration.ofHours(12)));
    // the estimate is 2 h at 250 W of IT power; the plan reports facility energy
    double pue = RegionCatalog.load(PROJECT.resolve("regions")).find(region).orElseThrow().pue();
    assertThat(p.path("kwh").isNumber()).isTrue();
    assertThat(p.path("kwh").asDouble()).isCloseTo(0.5 * pue, offset(1e-4));
    assertThat(p.path("gCo2e").isNumber()).isTrue();
    assertThat(p.path("gCo2e").asDouble()).isPositive();
    assertThat(p.path("baselineGCo2e").asDouble()).isPositive();
    assertThat(p.path("reason").asText()).isNotBlank();
    List<String> sourceRegions = new ArrayList<>();
    for (JsonNode s : root.path("sources")) {
      sourceRegions.add(s.path("region").asText());
      assertThat(s.path("provenance").asText()).as(s.toString()).isNotBlank();
      assertThat(s.path("source").asText()).isIn("trace", "yearly");
      // offline: the first source of every chain is an API that is not configured
      assertThat(s.path("fellBack").asBoolean()).isTrue();
    }
    assertThat(sourceRegions).containsExactlyInAnyOrderElementsOf(ALLOWED);
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left).as("a dry run stores nothing").containsExactly(work.resolve("jobs"));
    }
  }

  @Test
  void plan_of_a_descriptor_without_an_estimate_places_it_on_the_stated_default_and_says_so()
      throws IOException {
    Files.writeString(
        work.resolve("no-estimate.yaml"),
        "name: nightly\nkind: train\ndeadline: 12h\nregions: [es, no]\nhome: es\n");

    Run plan = run("plan", "no-estimate.yaml", "--json");

    assertThat(plan.exit()).as(plan.err()).isZero();
    JsonNode p = new ObjectMapper().readTree(plan.out()).path("placements").get(0);
    assertThat(p.path("reason").asText()).contains(PlanJob.DEFAULT_ESTIMATE_NOTE);
    assertThat(PlanJob.DEFAULT_ESTIMATE_NOTE).contains("default estimate of 1 h at 250 W");
    Duration ran =
        Duration.between(
            Instant.parse(p.path("start").asText()), Instant.parse(p.path("end").asText()));
    assertThat(ran).isEqualTo(PlanJob.DEFAULT_ESTIMATE.duration());
  }

  @Test
  void plan_of_a_bad_descriptor_exits_2_naming_file_and_line() throws IOException {
    Files.writeString(
        work.resolve("bad.yaml"),
        "name: nightly\nkind: train\nestimate: {duration: 2h, powerWatts: 250}\n"
            + "deadlne: 12h\nregions: [es, no]\nhome: es\n");

    Run plan = run("plan", "bad.yaml", "--json");

    assertThat(plan.exit()).isEqualTo(Main.BAD_INPUT);
    assertThat(plan.err()).contains("bad.yaml:4: deadlne: ");
    assertThat(plan.out()).isEmpty();
  }
}
