/**
 * The daemon's doors besides the CLI: the HTTP API (Javalin: jobs, plan, runs, reports, health,
 * metrics, with the contract of DESIGN.md), its client for the CLI, and the jobs folder.
 */
package dev.carbonshift.daemon.api;
