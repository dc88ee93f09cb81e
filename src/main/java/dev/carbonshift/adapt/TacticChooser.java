package dev.carbonshift.adapt;

import dev.carbonshift.store.AdaptDecision;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Plan step: the first rule whose condition holds decides, escalated to a stronger tactic when
 * the knowledge shows that the same tactic failed to restore accuracy the last time.
 */
public final class TacticChooser {
  private TacticChooser() {}

  public static Choice choose(Signals s, List<Finding> findings, Policy p, Knowledge k) {
    for (PolicyRule r : p.rulesFor(s.model())) {
      if (!r.when().holds(s, findings)) {
        continue;
      }
      String why =
          "rule '"
              + r.name()
              + "' ("
              + p.source()
              + ":"
              + r.line()
              + ": "
              + r.when().describe()
              + ")"
              + (findings.isEmpty()
                  ? ""
                  : "; findings: "
                      + findings.stream().map(Finding::text).collect(Collectors.joining("; ")));
      Tactic t = r.tactic();
      if (t != Tactic.SKIP) {
        Optional<AdaptDecision> last = k.last(s.model(), t.word());
        if (last.isPresent() && last.get().didNotRestore()) {
          Tactic stronger = r.escalate() != null ? r.escalate() : t.stronger();
          if (stronger == t) {
            // no stronger retraining than this: try the other variant
            stronger =
                Signals.LIGHT.equals(s.variant()) ? Tactic.SWITCH_HEAVY : Tactic.SWITCH_LIGHT;
          }
          if (stronger != t) {
            return new Choice(
                stronger,
                r.deadline(),
                r.name(),
                why
                    + "; escalated from "
                    + t.word()
                    + ": decision "
                    + last.get().id()
                    + " did not restore accuracy ("
                    + last.get().outcome()
                    + ")",
                t);
          }
        }
      }
      return new Choice(t, r.deadline(), r.name(), why, null);
    }
    return new Choice(
        Tactic.SKIP,
        PolicyParser.DEFAULT_DEADLINE,
        "none",
        "no rule of " + p.source() + " held",
        null);
  }
}
