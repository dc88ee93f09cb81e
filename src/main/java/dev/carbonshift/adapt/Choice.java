package dev.carbonshift.adapt;

import java.time.Duration;

/**
 * The tactic the policy chose, by when its work must be done, and why.
 *
 * @param escalatedFrom the rule's own tactic when the knowledge made it stronger, else null
 */
public record Choice(
    Tactic tactic, Duration deadline, String rule, String reason, Tactic escalatedFrom) {}
