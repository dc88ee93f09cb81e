/**
 * CO2 reports for sustainability teams: what the store holds, read and summed (kWh, kgCO2e, avoided
 * vs home and now, SCI), rendered as CSV (CodeCarbon-compatible), JSON and HTML with charts.
 */
package dev.carbonshift.report;
