/**
 * Self-adaptation: the MAPE-K loop that keeps each production model good enough at the least
 * energy. {@code Monitor} (its error against the naive forecast, Page-Hinkley on it, input and
 * prediction drift), {@code Analyser} (findings with a severity, by the policy's thresholds),
 * {@code TacticChooser} over a {@code Policy} read from YAML (skip, incremental, transfer, full,
 * switch, wait; escalated when the knowledge shows a tactic failed), and {@code Adapt} (one cycle:
 * submit the tactic's descriptor through the normal queue, promote only a version that beats the
 * serving one on the same held-out window). {@code Knowledge} is what was decided and what came of
 * it; {@code Wiring} is how the loop reaches the store, the queue and the grid.
 */
package dev.carbonshift.adapt;
