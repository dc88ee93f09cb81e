/**
 * Placement: which region and time window each job runs in, by the greedy planner with Lagrangian
 * prices, the exact MILP on small plans, and the LP bound. Pure: no store, daemon or wall clock.
 */
package dev.carbonshift.plan;
