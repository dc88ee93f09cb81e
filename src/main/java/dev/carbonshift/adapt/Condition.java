package dev.carbonshift.adapt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * When a policy rule applies: every stated test must hold (an absent one always does).
 *
 * @param finding a finding of this kind must be present
 * @param severity the worst finding must be at least this severe
 * @param variant the serving variant must be this one
 * @param lightGapBelow the light variant's MAE is at most this share above the heavy one's
 * @param lightGapAbove the light variant's MAE is more than this share above the heavy one's
 */
public record Condition(
    String finding,
    Severity severity,
    String variant,
    Double errorRatioAbove,
    Double errorRatioBelow,
    Double psiAbove,
    Double klAbove,
    Double lightGapBelow,
    Double lightGapAbove,
    Double daysSinceTrainAbove,
    Double intensityAbove) {

  public static final Condition ALWAYS =
      new Condition(null, null, null, null, null, null, null, null, null, null, null);

  public boolean holds(Signals s, List<Finding> findings) {
    if (finding != null && findings.stream().noneMatch(f -> f.kind().equals(finding))) {
      return false;
    }
    if (severity != null && worst(findings).compareTo(severity) < 0) {
      return false;
    }
    return (variant == null || variant.equals(s.variant()))
        && above(s.errorRatio(), errorRatioAbove)
        && below(s.errorRatio(), errorRatioBelow)
        && above(s.psi(), psiAbove)
        && above(s.kl(), klAbove)
        && below(s.lightGap(), lightGapBelow)
        && above(s.lightGap(), lightGapAbove)
        && above(s.daysSinceTrain(), daysSinceTrainAbove)
        && above(s.intensityNow(), intensityAbove);
  }

  static Severity worst(List<Finding> findings) {
    return findings.stream().map(Finding::severity).max(Enum::compareTo).orElse(Severity.NONE);
  }

  // a test on an unknown (NaN) value does not hold: the rule cannot be shown to apply
  private static boolean above(double v, Double limit) {
    return limit == null || v > limit;
  }

  private static boolean below(double v, Double limit) {
    return limit == null || v <= limit;
  }

  /** The tests that held, for the decision's reason. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    add(parts, "finding", finding);
    add(parts, "severity", severity == null ? null : severity.name().toLowerCase(Locale.ROOT));
    add(parts, "variant", variant);
    add(parts, "errorRatio >", errorRatioAbove);
    add(parts, "errorRatio <=", errorRatioBelow);
    add(parts, "psi >", psiAbove);
    add(parts, "kl >", klAbove);
    add(parts, "lightGap <=", lightGapBelow);
    add(parts, "lightGap >", lightGapAbove);
    add(parts, "daysSinceTrain >", daysSinceTrainAbove);
    add(parts, "intensity >", intensityAbove);
    return parts.isEmpty() ? "always" : String.join(", ", parts);
  }

  private static void add(List<String> parts, String what, Object v) {
    if (v != null) {
      parts.add(what + (what.endsWith(">") || what.endsWith("=") ? " " : " = ") + v);
    }
  }
}
