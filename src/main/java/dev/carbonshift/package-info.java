/**
 * Carbonshift, a carbon-aware scheduler for ML training. Each sub-package owns one step of the data
 * flow in DESIGN.md, and uses only the packages before it (checked by {@code DataFlowOrderTest}):
 * {@code config}, {@code job}, {@code region}, {@code carbon}, {@code plan}, {@code energy}, {@code
 * train}, {@code account}, {@code store}, {@code adapt}, {@code report}, {@code sim}, and the
 * composition roots {@code daemon} and {@code cli}. Each package's own {@code package-info} says
 * what it owns.
 */
package dev.carbonshift;
