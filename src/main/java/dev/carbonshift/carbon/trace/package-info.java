/**
 * Offline carbon source: real historical intensity traces read from CSV and replayed onto the
 * present.
 */
package dev.carbonshift.carbon.trace;
