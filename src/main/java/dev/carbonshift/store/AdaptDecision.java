package dev.carbonshift.store;

import java.time.Instant;

/**
 * One decision of the self-adaptation loop about a production model, and what came of it.
 *
 * @param variant {@code light} or {@code heavy}: the variant serving when it was taken
 * @param version the serving version then, or null before the first
 * @param rule the policy rule that chose the tactic
 * @param inputs what the monitor saw, as a JSON object
 * @param deadline by when the tactic's job must finish (the planner places it before), or null
 * @param jobId the job submitted for it, or null (skip, switch without training)
 * @param kwh IT energy of that job, once known
 * @param kgCo2e its emissions as placed, once known
 * @param metricBefore the serving version's MAE on the new version's held-out window
 * @param metricAfter the new version's MAE on the same window
 * @param outcome {@code pending}, {@code promoted}, {@code kept} (the new version did not beat the
 *     serving one), {@code skipped}, {@code switched} or {@code failed}
 */
public record AdaptDecision(
    long id,
    Instant at,
    String model,
    String variant,
    Integer version,
    String tactic,
    String rule,
    String reason,
    String inputs,
    Instant deadline,
    String jobId,
    Double kwh,
    Double kgCo2e,
    Double metricBefore,
    Double metricAfter,
    String outcome) {

  public static final String PENDING = "pending";
  public static final String PROMOTED = "promoted";
  public static final String KEPT = "kept";
  public static final String SKIPPED = "skipped";
  public static final String SWITCHED = "switched";
  public static final String FAILED = "failed";

  /** The same decision with its cost and outcome filled in. */
  public AdaptDecision withOutcome(
      Double kwhUsed, Double kg, Double before, Double after, String result) {
    return copy(id, kwhUsed, kg, before, after, result);
  }

  public AdaptDecision withId(long newId) {
    return copy(newId, kwh, kgCo2e, metricBefore, metricAfter, outcome);
  }

  /** A copy with another id, cost or outcome; what was decided and why stays. */
  private AdaptDecision copy(
      long newId, Double kwhUsed, Double kg, Double before, Double after, String result) {
    return new AdaptDecision(
        newId, at, model, variant, version, tactic, rule, reason, inputs, deadline, jobId, kwhUsed,
        kg, before, after, result);
  }

  /** As {@code decisions --json} and {@code GET /decisions} show it: instants as ISO text. */
  public java.util.Map<String, Object> view() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("id", id);
    m.put("at", at == null ? null : at.toString());
    m.put("model", model);
    m.put("variant", variant);
    m.put("version", version);
    m.put("tactic", tactic);
    m.put("rule", rule);
    m.put("reason", reason);
    m.put("inputs", inputs);
    m.put("deadline", deadline == null ? null : deadline.toString());
    m.put("jobId", jobId);
    m.put("kwh", kwh);
    m.put("kgCo2e", kgCo2e);
    m.put("metricBefore", metricBefore);
    m.put("metricAfter", metricAfter);
    m.put("outcome", outcome);
    return m;
  }

  /** Whether its tactic failed to restore accuracy: trained, but the new version lost. */
  public boolean didNotRestore() {
    return KEPT.equals(outcome) || FAILED.equals(outcome);
  }
}
