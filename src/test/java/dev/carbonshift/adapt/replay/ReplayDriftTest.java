package dev.carbonshift.adapt.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carbonshift.adapt.PolicyParser;
import dev.carbonshift.carbon.EmissionFactor;
import dev.carbonshift.carbon.trace.TraceReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop end to end on a real slice, trained for real: Germany in March 2020, when the inputs
 * drift (the PSI climbs day by day) and the model ends up worse than the naive forecast. A quiet
 * stretch must cost no retraining; the degradation must trigger one, with its finding as the
 * reason.
 */
class ReplayDriftTest {
  private static final Set<String> TRAINING = Set.of("incremental", "full", "transfer");

  @Test
  void a_drift_triggers_a_retrain_and_a_quiet_stretch_does_not(@TempDir Path work)
      throws Exception {
    Path trace = Path.of("data/traces/DE.csv.gz");
    StringWriter log = new StringWriter();
    ReplayResult r =
        new Replay(
                new Replay.Config(
                    trace,
                    LocalDate.parse("2020-03-01"),
                    14,
                    ReplayPolicy.MAPEK,
                    PolicyParser.bundled(),
                    1,
                    work,
                    10),
                TraceReader.read(trace, new TraceReader.Options(EmissionFactor.DIRECT, true)),
                new PrintWriter(log, true))
            .run();

    List<ReplayResult.Day> days = r.decisions();
    assertThat(days).hasSize(14);
    // every retrain has a finding behind it, never the catch-all quiet rule
    List<ReplayResult.Day> retrains =
        days.stream().filter(d -> TRAINING.contains(d.tactic())).toList();
    assertThat(retrains).as(log.toString()).isNotEmpty();
    assertThat(retrains).allSatisfy(d -> assertThat(d.rule()).isNotEqualTo("quiet"));
    // a quiet stretch of at least five days before the first retrain trains nothing
    int first = days.indexOf(retrains.get(0));
    long quietBefore =
        days.subList(0, first).stream()
            .filter(d -> d.tactic().equals("skip") && d.rule().equals("quiet"))
            .count();
    assertThat(quietBefore).isGreaterThanOrEqualTo(5);
    assertThat(days.subList(0, first)).allSatisfy(d -> assertThat(d.kwh()).isZero());
    assertThat(r.retrains()).isEqualTo(retrains.size());
    assertThat(r.trainingKwh()).isPositive();
  }
}
