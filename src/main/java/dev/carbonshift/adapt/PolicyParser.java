package dev.carbonshift.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carbonshift.config.Fields;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.config.LocatedTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy file (YAML or JSON) with the descriptor parser's located errors: each names the
 * file, the line and the field, and a bad tactic lists the accepted ones.
 */
public final class PolicyParser {
  /** The policy shipped in the jar, used when no file is given. */
  public static final String BUNDLED = "/carbonshift/adapt-policy.yaml";

  static final Duration DEFAULT_DEADLINE = Duration.ofHours(24);
  private static final Set<String> TOP = Set.of("detector", "analysis", "rules", "models");
  private static final Set<String> DETECTOR = Set.of("minInstances", "delta", "lambda", "alpha");
  private static final Set<String> ANALYSIS =
      Set.of("klLight", "klHeavy", "psiThreshold", "degradedRatio", "windowDays");
  private static final Set<String> RULE = Set.of("name", "when", "tactic", "deadline", "escalate");
  private static final Set<String> WHEN =
      Set.of(
          "finding",
          "severity",
          "variant",
          "errorRatioAbove",
          "errorRatioBelow",
          "psiAbove",
          "klAbove",
          "lightGapBelow",
          "lightGapAbove",
          "daysSinceTrainAbove",
          "intensityAbove");
  private static final Set<String> FINDINGS =
      Set.of(Finding.DEGRADATION, Finding.DRIFT, Finding.INPUT_DRIFT, Finding.PREDICTION_DRIFT);

  private PolicyParser() {}

  public static Policy bundled() {
    try (InputStream in = PolicyParser.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + BUNDLED);
      }
      return parse(
          "adapt-policy.yaml (bundled)", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + BUNDLED, e);
    }
  }

  public static Policy read(Path file) {
    try {
      return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidInputException(file.toString(), 0, null, "no such file");
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), 0, null, "cannot read: " + e.getMessage());
    }
  }

  public static Policy parse(String name, String text) {
    LocatedTree tree = LocatedTree.parse(name, text);
    Fields f = Fields.root(tree).allowOnly(TOP);
    Fields d = f.optObject("detector");
    Policy.Detector detector =
        d == null
            ? new Policy.Detector(30, 0.005, 50, 0.9999)
            : new Policy.Detector(
                d.allowOnly(DETECTOR).integer("minInstances", 30),
                d.number("delta", 0.005),
                d.number("lambda", 50),
                d.number("alpha", 0.9999));
    Fields a = f.optObject("analysis");
    Fields an = a == null ? null : a.allowOnly(ANALYSIS);
    List<PolicyRule> rules = rules(tree, tree.root().get("rules"), "rules");
    if (rules.isEmpty()) {
      throw f.error("rules", "is required: a list of rules, each with a tactic");
    }
    Map<String, List<PolicyRule>> models = new LinkedHashMap<>();
    Fields m = f.optObject("models");
    if (m != null) {
      for (String model : m.names()) {
        Fields one = m.optObject(model);
        if (one == null) {
          throw m.error(model, "must be a mapping with rules");
        }
        one.allowOnly(Set.of("rules"));
        String path = "models." + model + ".rules";
        List<PolicyRule> own = rules(tree, tree.root().get("models").get(model).get("rules"), path);
        if (own.isEmpty()) {
          throw one.error("rules", "is required: a list of rules, each with a tactic");
        }
        models.put(model, own);
      }
    }
    return new Policy(
        name,
        detector,
        an == null ? 0.6 : an.number("klLight", 0.6),
        an == null ? 1.6 : an.number("klHeavy", 1.6),
        an == null ? 0.1 : an.number("psiThreshold", 0.1),
        an == null ? 1.0 : an.number("degradedRatio", 1.0),
        an == null ? 7 : an.integer("windowDays", 7),
        rules,
        models);
  }

  private static List<PolicyRule> rules(LocatedTree tree, JsonNode list, String path) {
    List<PolicyRule> out = new ArrayList<>();
    if (list == null || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw tree.error(path, "must be a list of rules");
    }
    for (int i = 0; i < list.size(); i++) {
      String at = path + "[" + i + "]";
      if (!list.get(i).isObject()) {
        throw tree.error(at, "must be a mapping with a tactic");
      }
      Fields r = new Fields(tree, list.get(i), at).allowOnly(RULE);
      Tactic tactic = tactic(r, "tactic", true);
      Tactic escalate = tactic(r, "escalate", false);
      Duration deadline = r.optDuration("deadline");
      if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
        throw r.error("deadline", "must be positive");
      }
      Fields w = r.optObject("when");
      String ruleName = r.optText("name");
      out.add(
          new PolicyRule(
              ruleName == null ? at : ruleName,
              w == null ? Condition.ALWAYS : condition(w.allowOnly(WHEN)),
              tactic,
              deadline == null ? DEFAULT_DEADLINE : deadline,
              escalate,
              tree.lineOf(at)));
    }
    return out;
  }

  private static Tactic tactic(Fields r, String field, boolean required) {
    String s = r.optText(field);
    if (s == null) {
      if (required) {
        throw r.error(field, "is required; accepted tactics: " + Tactic.accepted());
      }
      return null;
    }
    return Tactic.parse(s)
        .orElseThrow(
            () ->
                r.error(
                    field, "'" + s + "' is not a tactic; accepted tactics: " + Tactic.accepted()));
  }

  private static Condition condition(Fields w) {
    String finding = w.optText("finding");
    if (finding != null && !FINDINGS.contains(finding)) {
      throw w.error(
          "finding", "'" + finding + "' is not one of " + String.join(", ", sorted(FINDINGS)));
    }
    Severity severity = w.has("severity") ? w.enumValue("severity", Severity.class, null) : null;
    String variant = w.optText("variant");
    if (variant != null && !variant.equals(Signals.LIGHT) && !variant.equals(Signals.HEAVY)) {
      throw w.error("variant", "'" + variant + "' is not light or heavy");
    }
    return new Condition(
        finding,
        severity,
        variant == null ? null : variant.toLowerCase(Locale.ROOT),
        w.optNumber("errorRatioAbove"),
        w.optNumber("errorRatioBelow"),
        w.optNumber("psiAbove"),
        w.optNumber("klAbove"),
        w.optNumber("lightGapBelow"),
        w.optNumber("lightGapAbove"),
        w.optNumber("daysSinceTrainAbove"),
        w.optNumber("intensityAbove"));
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
