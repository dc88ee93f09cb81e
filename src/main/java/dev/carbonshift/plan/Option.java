package dev.carbonshift.plan;

/**
 * One way to run a job: a region and one or more {@code [start, end)} stretches in epoch seconds.
 * {@code grams} is what it emits; {@code score} is what the search ranks by (grams plus any slot
 * prices).
 */
final class Option {
  final int region;
  final long[] bounds;
  final double grams;
  final double score;

  Option(int region, long[] bounds, double grams, double score) {
    this.region = region;
    this.bounds = bounds;
    this.grams = grams;
    this.score = score;
  }

  int slices() {
    return bounds.length / 2;
  }

  long start() {
    return bounds[0];
  }

  long end() {
    return bounds[bounds.length - 1];
  }
}
