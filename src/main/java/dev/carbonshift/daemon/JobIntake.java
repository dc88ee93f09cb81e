package dev.carbonshift.daemon;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.job.JobParser;
import dev.carbonshift.job.JobSpec;
import dev.carbonshift.job.ParsedJob;
import dev.carbonshift.region.Region;
import dev.carbonshift.region.RegionCatalog;
import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.StoredJob;
import dev.carbonshift.train.DatasetCheck;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.quartz.CronExpression;

/**
 * Takes job descriptors in, from the CLI, the HTTP API or the jobs folder: every descriptor of a
 * batch is validated before any is stored, so a bad file leaves nothing behind.
 */
public final class JobIntake {
  /** One generator per thread: a shared SecureRandom serialises concurrent submissions. */
  private static final ThreadLocal<SecureRandom> IDS = ThreadLocal.withInitial(SecureRandom::new);

  private final JobParser parser;
  private final java.util.function.Supplier<JobRepository> jobs;
  private final DatasetCheck datasets;

  /**
   * An intake that checks descriptors but not the datasets they name: for tests of the planner, the
   * store and the API's plumbing, whose descriptors name no real file. The composition root builds
   * the checking one, which every door (CLI, HTTP API, jobs folder) goes through.
   */
  public JobIntake(RegionCatalog catalog, JobRepository jobs, Clock clock) {
    this(catalog, jobs, clock, null);
  }

  /**
   * @param datasets what a job's dataset must pass before it is queued (inside the dataset roots,
   *     readable, with the columns, rows and window the job asks for); null to skip it
   */
  public JobIntake(RegionCatalog catalog, JobRepository jobs, Clock clock, DatasetCheck datasets) {
    this(catalog, () -> jobs, clock, datasets);
  }

  /**
   * As above, the store reached only when a job is stored: validating alone (a {@code submit} that
   * goes through a daemon) opens no store.
   */
  public JobIntake(
      RegionCatalog catalog,
      java.util.function.Supplier<JobRepository> jobs,
      Clock clock,
      DatasetCheck datasets) {
    this.parser = parserFor(catalog, clock);
    this.jobs = jobs;
    this.datasets = datasets;
  }

  /** The descriptor parser for this catalog, with Quartz checking {@code schedule}. */
  public static JobParser parserFor(RegionCatalog catalog, Clock clock) {
    Map<String, Integer> gpus = new HashMap<>();
    for (Region r : catalog.all()) {
      if (r.gpus() != null) {
        gpus.put(r.id(), r.gpus().count());
      }
    }
    return new JobParser(catalog.ids(), gpus, clock, cron -> cronProblem(cron, clock.instant()));
  }

  /**
   * The descriptor of a stored job, read again as of its submission, so that relative times keep
   * the meaning they had when it was queued.
   */
  public static JobSpec specOf(StoredJob job, RegionCatalog catalog, Clock clock) {
    return parserFor(catalog, Clock.fixed(job.submittedAt(), clock.getZone()))
        .parse(job.id() + "." + job.descriptorFormat(), job.descriptor(), null)
        .spec();
  }

  /** Parses and validates without storing. */
  public ParsedJob validate(Path file) {
    return validate(file, file.toString());
  }

  /**
   * Parses and validates without storing, naming the file {@code shownAs} in errors: the descriptor
   * and, with a dataset check, the dataset it names.
   */
  public ParsedJob validate(Path file, String shownAs) {
    return checked(parser.parse(file, shownAs), shownAs);
  }

  /**
   * Validates every file, descriptor and dataset, before any is stored.
   *
   * @throws BatchRejectedException listing every bad file
   */
  public List<ParsedJob> validateAll(List<Path> files, List<String> shownAs) {
    List<ParsedJob> parsed = new ArrayList<>();
    List<InvalidInputException> errors = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      try {
        parsed.add(validate(files.get(i), shownAs.get(i)));
      } catch (InvalidInputException e) {
        errors.add(e);
      }
    }
    if (!errors.isEmpty()) {
      throw new BatchRejectedException(errors);
    }
    return parsed;
  }

  private ParsedJob checked(ParsedJob job, String shownAs) {
    if (datasets != null) {
      datasets.check(job, shownAs);
    }
    return job;
  }

  /**
   * Validates every file, then stores them all as QUEUED.
   *
   * @throws BatchRejectedException listing every bad file; nothing is stored then
   */
  public List<StoredJob> submit(List<Path> files) {
    return submit(files, files.stream().map(Path::toString).toList());
  }

  /** As {@link #submit(List)}, naming each file in errors as {@code shownAs} does. */
  public List<StoredJob> submit(List<Path> files, List<String> shownAs) {
    List<ParsedJob> parsed = validateAll(files, shownAs);
    List<StoredJob> stored = new ArrayList<>();
    for (ParsedJob p : parsed) {
      stored.add(jobs.get().insert(newId(), p));
    }
    return stored;
  }

  /** Stores descriptor text posted directly (HTTP API), validated first. */
  public StoredJob submitText(String name, String text) {
    return submitText(name, text, null);
  }

  /**
   * As {@link #submitText(String, String)}, the descriptor read from {@code sourceFile} (relative
   * dataset paths resolve beside it), or null when it has no file.
   */
  public StoredJob submitText(String name, String text, Path sourceFile) {
    return jobs.get().insert(newId(), checked(parser.parse(name, text, sourceFile), name));
  }

  /**
   * Submits one occurrence of a recurring job: its descriptor read again now, so that a relative
   * {@code deadline} ("8h") counts from this occurrence.
   */
  public StoredJob submitOccurrence(StoredJob recurring) {
    ParsedJob parsed =
        parser.parse(
            recurring.id() + "." + recurring.descriptorFormat(),
            recurring.descriptor(),
            recurring.sourceFile() == null ? null : Path.of(recurring.sourceFile()));
    return jobs.get().insertOccurrence(newId(), parsed, recurring.id());
  }

  /** Stores a validated descriptor to run once, now, whatever its schedule (the train verb). */
  public StoredJob submitOnce(ParsedJob parsed) {
    return jobs.get().insertOnce(newId(), parsed);
  }

  static String newId() {
    byte[] b = new byte[5];
    IDS.get().nextBytes(b);
    return "job-" + HexFormat.of().formatHex(b);
  }

  /**
   * Null if {@code cron} is a valid Quartz cron expression that fires after {@code now}, else what
   * is wrong with it. {@code now} is the injected clock's (the daemon's may run faster, and a
   * stored job is read again as of its submission), never the wall clock.
   */
  public static String cronProblem(String cron, java.time.Instant now) {
    try {
      CronExpression expression = new CronExpression(cron);
      // valid syntax that never fires (30 February, a year gone) would queue a job that never runs
      if (expression.getNextValidTimeAfter(java.util.Date.from(now)) == null) {
        return "it never fires again (no time matches it from now on)";
      }
      return null;
    } catch (java.text.ParseException e) {
      return e.getMessage();
    }
  }
}
