package dev.carbonshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.job.Strategy;
import dev.carbonshift.store.Database;
import dev.carbonshift.store.ModelVersionRepository;
import dev.carbonshift.train.ModelVersion;
import dev.carbonshift.train.TestWindow;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `models` shows every metric's window and never presents different windows as comparable. */
class ModelsCommandTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path work;

  private static ModelVersion version(int v, TestWindow w, double mae) {
    return new ModelVersion(
        "ci",
        v,
        v == 1 ? null : "ci",
        v == 1 ? null : v - 1,
        v == 1 ? Strategy.SCRATCH : Strategy.INCREMENTAL,
        Path.of("/nowhere", "ci", "v" + v),
        "ab".repeat(32),
        2,
        745,
        "mae",
        Map.of("mae", mae, "rmse", mae * 1.3, "r2", 0.4),
        4096,
        1e-6,
        2e-7,
        5,
        3.0,
        CLOCK.instant(),
        w,
        "cd".repeat(32));
  }

  private String run(String... args) {
    CommandLine cli =
        Main.commandLine(
            new Context(
                CLOCK, Map.of("CARBONSHIFT_PORT", "0"), work, Path.of("").toAbsolutePath()));
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void each_version_shows_its_window_samples_and_skill_and_different_windows_are_flagged()
      throws Exception {
    Map<String, Map<String, Double>> naive =
        Map.of("persistence", Map.of("mae", 30.0), "seasonal-day", Map.of("mae", 30.0));
    TestWindow week = new TestWindow("2022-02-22T00:00:00Z", "2022-02-28T23:00:00Z", 168, naive);
    TestWindow later = new TestWindow("2022-03-02T00:00:00Z", "2022-03-08T23:00:00Z", 168, naive);
    Path db = work.resolve("store");
    try (Database store = Database.file(db)) {
      ModelVersionRepository repo = new ModelVersionRepository(store);
      repo.register(version(1, week, 27.0));
      repo.register(version(2, later, 24.0));
    }

    String table = run("models", "--db", db.toString());
    String json = run("models", "--json", "--db", db.toString());

    assertThat(table)
        .contains("2022-02-22T00:00:00Z .. 2022-02-28T23:00:00Z")
        .contains("168")
        .contains("+0.100")
        .contains("W1")
        .contains("W2")
        .contains("2 different test windows");
    JsonNode list = new ObjectMapper().readTree(json);
    assertThat(list).hasSize(2);
    JsonNode v2 = list.get(1);
    assertThat(v2.get("model").asText()).isEqualTo("ci");
    assertThat(v2.get("parent").asText()).isEqualTo("ci:1");
    assertThat(v2.get("metrics").get("mae").asDouble()).isEqualTo(24.0);
    assertThat(v2.get("metrics").has("accuracy")).isFalse();
    assertThat(v2.get("testWindow").get("from").asText()).isEqualTo("2022-03-02T00:00:00Z");
    assertThat(v2.get("testWindow").get("samples").asInt()).isEqualTo(168);
    assertThat(v2.get("baselines").get("persistence").get("mae").asDouble()).isEqualTo(30.0);
    assertThat(v2.get("skill").asDouble())
        .isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
  }
}
