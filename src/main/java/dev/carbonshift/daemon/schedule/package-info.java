/**
 * The daemon's scheduler with Quartz kept behind it: durable named triggers (once at an instant of
 * the daemon's clock, or every period) on Quartz's JDBC job store in the store's database
 * (clustered on PostgreSQL), and the guard that keeps a failing task from stopping its loop.
 */
package dev.carbonshift.daemon.schedule;
