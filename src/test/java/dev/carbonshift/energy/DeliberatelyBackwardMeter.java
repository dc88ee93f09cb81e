package dev.carbonshift.energy;

import dev.carbonshift.report.Report;
import dev.carbonshift.store.JobRepository;

/**
 * Points forward along the data flow on purpose (a meter that reads the store and a report), for
 * {@code DataFlowOrderTest}; never used.
 */
final class DeliberatelyBackwardMeter {
  private DeliberatelyBackwardMeter() {}

  static int queued(JobRepository jobs) {
    return jobs.all().size();
  }

  static Object figures(Report report) {
    return report;
  }
}
