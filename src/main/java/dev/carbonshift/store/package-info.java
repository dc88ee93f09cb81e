/**
 * The knowledge store: H2 file or PostgreSQL through Flyway migrations, and one repository per
 * table family (jobs, placements, runs, intensities, model versions).
 */
package dev.carbonshift.store;
