/**
 * Offline replays and benchmarks of the planner on real traces and arrival workloads: simulate,
 * bench parts, scenario generation.
 */
package dev.carbonshift.sim;
