/**
 * The composition root (Carbonshift) and the service around it: Quartz-driven planning rounds,
 * start triggers, workers with heartbeats, dead-run detection, recurring jobs, the jobs folder, and
 * the daemon benches.
 */
package dev.carbonshift.daemon;
