package dev.carbonshift.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.store.AdaptDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyTest {
  private static final Policy BUNDLED = PolicyParser.bundled();

  private static Signals signals(
      String variant, double mae, double naive, boolean alarm, double other, double days) {
    return new Signals(
        "m", variant, mae, naive, alarm, alarm ? 60 : 1, 0.05, 0.1, other, 0, 0, 100, 80, days);
  }

  static Stream<Arguments> bundledRules() {
    return Stream.of(
        // variant, mae, naive, PH alarm, other variant's mae, days since trained -> tactic
        Arguments.of("heavy", 30, 20, false, Double.NaN, 10, Tactic.FULL, "worse-than-naive"),
        Arguments.of("heavy", 20, 25, false, 20.2, 10, Tactic.SWITCH_LIGHT, "light-is-enough"),
        Arguments.of("heavy", 20, 25, false, 23, 10, Tactic.SKIP, "quiet"),
        Arguments.of("heavy", 20, 25, true, 23, 10, Tactic.INCREMENTAL, "error-drift"),
        Arguments.of("light", 24, 25, true, 20, 10, Tactic.SWITCH_HEAVY, "light-falls-behind"),
        Arguments.of("light", 24, 25, false, 20, 10, Tactic.SKIP, "quiet"),
        Arguments.of("light", 24, 25, false, 20, 50, Tactic.INCREMENTAL, "stale"),
        // unknown error (a window not yet full) shows no degradation
        Arguments.of("heavy", Double.NaN, Double.NaN, false, Double.NaN, 3, Tactic.SKIP, "quiet"));
  }

  @ParameterizedTest
  @MethodSource("bundledRules")
  void the_bundled_policy_chooses_by_its_rules(
      String variant,
      double mae,
      double naive,
      boolean alarm,
      double other,
      double days,
      Tactic expected,
      String rule) {
    Signals s = signals(variant, mae, naive, alarm, other, days);
    Choice c = TacticChooser.choose(s, Analyser.analyse(s, BUNDLED), BUNDLED, Knowledge.inMemory());
    assertThat(c.tactic()).isEqualTo(expected);
    assertThat(c.rule()).isEqualTo(rule);
    assertThat(c.reason()).contains(rule);
  }

  @Test
  void escalates_when_the_same_tactic_did_not_restore_accuracy_last_time() {
    Knowledge k = Knowledge.inMemory();
    Signals s = signals("heavy", 20, 25, true, 23, 10);
    Choice first = TacticChooser.choose(s, Analyser.analyse(s, BUNDLED), BUNDLED, k);
    assertThat(first.tactic()).isEqualTo(Tactic.INCREMENTAL);
    AdaptDecision d =
        k.record(
            new AdaptDecision(
                0,
                Instant.EPOCH,
                "m",
                "heavy",
                1,
                "incremental",
                "error-drift",
                "r",
                "{}",
                null,
                "job-1",
                null,
                null,
                null,
                null,
                AdaptDecision.PENDING));
    k.outcome(d.id(), 0.1, 0.01, 20.0, 21.0, AdaptDecision.KEPT);
    Choice again = TacticChooser.choose(s, Analyser.analyse(s, BUNDLED), BUNDLED, k);
    assertThat(again.tactic()).isEqualTo(Tactic.FULL); // the rule's escalate
    assertThat(again.escalatedFrom()).isEqualTo(Tactic.INCREMENTAL);
    assertThat(again.reason()).contains("did not restore");
  }

  @Test
  void per_model_rules_replace_the_default_ones() {
    Policy p =
        PolicyParser.parse(
            "p.yaml",
            "rules:\n  - tactic: skip\nmodels:\n  special:\n    rules:\n"
                + "      - {name: always-full, tactic: full, deadline: 6h}\n");
    assertThat(p.rulesFor("other")).extracting(PolicyRule::tactic).containsExactly(Tactic.SKIP);
    assertThat(p.rulesFor("special").get(0).deadline()).isEqualTo(Duration.ofHours(6));
    assertThat(p.rulesFor("special").get(0).line()).isEqualTo(6);
  }

  @Test
  void a_malformed_policy_names_file_line_and_the_accepted_tactics() {
    String text = "rules:\n  - name: a\n    tactic: skip\n  - name: b\n    tactic: retrain-all\n";
    assertThatThrownBy(() -> PolicyParser.parse("policies/bad.yaml", text))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(
            e -> {
              InvalidInputException i = (InvalidInputException) e;
              assertThat(i.file()).isEqualTo("policies/bad.yaml");
              assertThat(i.line()).isEqualTo(5);
              assertThat(i.field()).isEqualTo("rules[1].tactic");
            })
        .hasMessageContaining("retrain-all")
        .hasMessageContaining("skip, incremental, transfer, full, switch-light, switch-heavy");
  }

  @Test
  void an_unknown_condition_is_an_error_at_its_line() {
    String text = "rules:\n  - tactic: full\n    when: {errorRatioOver: 2}\n";
    assertThatThrownBy(() -> PolicyParser.parse("p.yaml", text))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("p.yaml:3")
        .hasMessageContaining("errorRatioOver");
  }

  @Test
  void every_rule_of_the_bundled_policy_names_a_tactic_and_a_line() {
    List<PolicyRule> rules = BUNDLED.rules();
    assertThat(rules).isNotEmpty().allSatisfy(r -> assertThat(r.line()).isPositive());
    assertThat(rules.get(rules.size() - 1).when()).isEqualTo(Condition.ALWAYS);
  }
}
