/**
 * {@code adapt-replay}: a real carbon-intensity trace replayed day by day as a data stream, each
 * policy (periodic full, periodic incremental, MAPE-K) deciding on a simulated clock, its retrains
 * placed by the planner and trained for real, with the energy, carbon, MAE and decisions reported.
 */
package dev.carbonshift.adapt.replay;
