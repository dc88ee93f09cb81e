package dev.carbonshift.adapt;

import java.time.Duration;

/**
 * One rule of a policy: when its condition holds, take its tactic, done within its deadline.
 *
 * @param escalate the tactic to take instead when the knowledge shows this rule's tactic did not
 *     restore accuracy last time (null: the next stronger one, {@link Tactic#stronger})
 * @param line where the rule starts in its file, for reasons
 */
public record PolicyRule(
    String name, Condition when, Tactic tactic, Duration deadline, Tactic escalate, int line) {}
