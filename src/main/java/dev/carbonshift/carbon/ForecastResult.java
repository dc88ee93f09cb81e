package dev.carbonshift.carbon;

/**
 * The outcome of asking a source for intensities: a failure is a value, never an exception that
 * stops the planning loop.
 */
public sealed interface ForecastResult permits Forecast, Unavailable {

  String zone();
}
