/**
 * Grid carbon intensity: points, forecasts and what they rest on (actual, forecast, estimate), the
 * one IntensityKind, the forecast cache and refresh policy, the yearly-average fallback.
 */
package dev.carbonshift.carbon;
