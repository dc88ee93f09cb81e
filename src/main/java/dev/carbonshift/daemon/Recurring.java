package dev.carbonshift.daemon;

import dev.carbonshift.daemon.schedule.Triggers;
import dev.carbonshift.job.JobState;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.StoredJob;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedules of recurring descriptors: one trigger per descriptor, at its cron's next time on
 * the daemon's clock (UTC). When it fires, one fresh job is submitted from the descriptor, its
 * deadline counted from then, and the trigger moves to the next time after now; so a schedule
 * missed several times while the daemon was down submits once, not once per missed occurrence.
 */
final class Recurring {
  private static final Logger LOG = LoggerFactory.getLogger(Recurring.class);

  private final JobRepository jobs;
  private final JobIntake intake;
  private final Triggers triggers;
  private final Clock clock;

  Recurring(JobRepository jobs, JobIntake intake, Triggers triggers, Clock clock) {
    this.jobs = jobs;
    this.intake = intake;
    this.triggers = triggers;
    this.clock = clock;
  }

  static String key(String jobId) {
    return "cron:" + jobId;
  }

  void armIfMissing(StoredJob job) {
    if (!triggers.exists(key(job.id()))) {
      arm(job, clock.instant());
    }
  }

  /** Arms the next occurrence after {@code after}; none if the cron never fires again. */
  void arm(StoredJob job, Instant after) {
    Optional<Instant> next = next(job.schedule(), after);
    if (next.isEmpty()) {
      LOG.warn("{}: schedule '{}' never fires again", job.id(), job.schedule());
      return;
    }
    triggers.at(
        key(job.id()),
        Daemon.CRON,
        next.get(),
        Map.of("job", job.id(), "at", next.get().toString()));
    LOG.info("{}: next run of schedule '{}' at {}", job.id(), job.schedule(), next.get());
  }

  /** Submits one occurrence of the fired schedule and arms the next; the job, if submitted. */
  Optional<StoredJob> fired(Map<String, String> d) {
    Optional<StoredJob> parent = jobs.find(d.get("job"));
    if (parent.isEmpty() || parent.get().state() != JobState.RECURRING) {
      return Optional.empty();
    }
    Instant at = Instant.parse(d.get("at"));
    Instant now = clock.instant();
    StoredJob occurrence = intake.submitOccurrence(parent.get());
    Duration late = Duration.between(at, now);
    LOG.info(
        "{}: schedule fired for {}{}; submitted {}",
        parent.get().id(),
        at,
        late.compareTo(Duration.ofMinutes(1)) > 0 ? " (late by " + late.withNanos(0) + ")" : "",
        occurrence.id());
    arm(parent.get(), now.isAfter(at) ? now : at);
    return Optional.of(occurrence);
  }

  static Optional<Instant> next(String cron, Instant after) {
    try {
      CronExpression e = new CronExpression(cron);
      e.setTimeZone(TimeZone.getTimeZone("UTC"));
      Date n = e.getNextValidTimeAfter(Date.from(after));
      return Optional.ofNullable(n).map(Date::toInstant);
    } catch (ParseException e) {
      return Optional.empty();
    }
  }
}
