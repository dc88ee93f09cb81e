package dev.carbonshift.job;

import dev.carbonshift.config.Fields;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.config.LocatedTree;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses and validates job descriptors (YAML or JSON). Every error names the file, the line and the
 * field path; unknown fields are errors. Checks that depend on the time of submission (a deadline
 * in the past) use the injected clock.
 */
public final class JobParser {
  static final Set<String> FIELDS =
      Set.of(
          "name",
          "team",
          "kind",
          "strategy",
          "model",
          "baseModel",
          "modelFile",
          "dataset",
          "network",
          "estimate",
          "earliestStart",
          "deadline",
          "regions",
          "home",
          "interruptible",
          "minSlice",
          "priority",
          "schedule",
          "target",
          "gpus");
  private static final Set<String> ESTIMATE_FIELDS = Set.of("duration", "powerWatts");
  private static final Set<String> TARGET_FIELDS = Set.of("metric", "threshold");

  /** Every model trained is a regression model: no accuracy (it would count exact matches). */
  private static final List<String> METRICS = List.of("mae", "rmse", "r2");

  static final Duration DEFAULT_MIN_SLICE = Duration.ofMinutes(30);

  /** Most GPUs one job may ask for. */
  public static final int MAX_GPUS = 4096;

  /** The name is also a folder name under the models directory; shorter than its column. */
  static final int MAX_NAME_CHARS = 128;

  /** The jobs table's columns for team, model and schedule (V1__knowledge_store.sql). */
  static final int MAX_TEAM_CHARS = 200;

  static final int MAX_MODEL_CHARS = 200;
  static final int MAX_SCHEDULE_CHARS = 200;

  private final Set<String> knownRegions;
  private final Map<String, Integer> regionGpus;
  private final Clock clock;
  private final Function<String, String> scheduleCheck;

  /**
   * A parser that knows no region's GPUs: it does not check {@code gpus} against them.
   *
   * @param knownRegions ids of the regions in the catalog
   * @param scheduleCheck returns an error message for a bad cron expression, or null if it is fine
   */
  public JobParser(Set<String> knownRegions, Clock clock, Function<String, String> scheduleCheck) {
    this(knownRegions, Map.of(), clock, scheduleCheck);
  }

  /**
   * @param regionGpus {@code gpus.count} of the regions that give one, by id: a job asking for more
   *     GPUs than every region it may run in has is refused (a region without a count puts no limit
   *     on GPUs)
   */
  public JobParser(
      Set<String> knownRegions,
      Map<String, Integer> regionGpus,
      Clock clock,
      Function<String, String> scheduleCheck) {
    this.knownRegions = Set.copyOf(knownRegions);
    this.regionGpus = Map.copyOf(regionGpus);
    this.clock = clock;
    this.scheduleCheck = scheduleCheck;
  }

  public ParsedJob parse(Path file) {
    return parse(file, file.toString());
  }

  /** Parses a file, naming it {@code shownAs} in errors (e.g. the path as the user typed it). */
  public ParsedJob parse(Path file, String shownAs) {
    String text;
    try {
      byte[] bytes;
      // read at most one byte past the limit: a pipe or device has no size to check beforehand
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(LocatedTree.MAX_BYTES + 1);
      }
      if (bytes.length > LocatedTree.MAX_BYTES) {
        long size = Files.size(file);
        throw LocatedTree.tooLarge(
            shownAs, size > LocatedTree.MAX_BYTES ? size + " bytes" : "an endless stream");
      }
      text = utf8(shownAs, bytes);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidInputException(shownAs, 0, null, "no such file");
    } catch (IOException e) {
      throw new InvalidInputException(shownAs, 0, null, "cannot read: " + e.getMessage());
    }
    return parse(shownAs, text, file);
  }

  /** Strict UTF-8: a byte that is not is reported with its offset, not replaced. */
  private static String utf8(String shownAs, byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      throw LocatedTree.notText(
          shownAs,
          String.format("a byte 0x%02x that is not UTF-8", bytes[in.position()]),
          in.position());
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** Parses descriptor text; {@code name} is shown in errors and decides JSON vs YAML. */
  public ParsedJob parse(String name, String text, Path file) {
    LocatedTree tree = LocatedTree.parse(name, text);
    Fields f = Fields.root(tree).allowOnly(FIELDS);
    String jobName = f.text("name", MAX_NAME_CHARS);
    if (!jobName.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw f.error("name", "'" + jobName + "' may hold only letters, digits, '.', '_' and '-'");
    }
    JobKind kind = f.enumValue("kind", JobKind.class, null);
    Strategy strategy = f.enumValue("strategy", Strategy.class, kind.defaultStrategy());
    String baseModel = f.optText("baseModel");
    String modelFile = f.optText("modelFile");
    if (strategy == Strategy.INCREMENTAL && baseModel == null && modelFile == null) {
      baseModel = "latest";
    }
    if (strategy == Strategy.TRANSFER && baseModel == null && modelFile == null) {
      throw f.error("baseModel", "a transfer job needs a baseModel (name:version) or a modelFile");
    }
    Estimate estimate = estimate(f.optObject("estimate"));
    TimeSpec earliest = timeSpec(f, "earliestStart");
    TimeSpec deadline = timeSpec(f, "deadline");
    Instant now = clock.instant();
    checkTimes(f, estimate, earliest, deadline, now);
    List<String> regions = regions(f);
    String home = home(f, regions);
    boolean interruptible = f.bool("interruptible", false);
    Duration minSlice = f.optDuration("minSlice");
    if (minSlice != null && !interruptible) {
      throw f.error("minSlice", "only an interruptible job is split into slices");
    }
    String schedule = f.optText("schedule", MAX_SCHEDULE_CHARS);
    if (schedule != null) {
      String problem = scheduleCheck.apply(schedule);
      if (problem != null) {
        throw f.error("schedule", "'" + schedule + "' is not a Quartz cron expression: " + problem);
      }
    }
    String model = f.optText("model", MAX_MODEL_CHARS);
    if (model != null && (!model.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || model.contains(".."))) {
      // the name is a folder under the models directory: '..' or '/' would leave it
      throw f.error(
          "model",
          "'"
              + model
              + "' must be letters, digits, '.', '_' or '-', start with a letter or digit and"
              + " contain no '..'");
    }
    int gpus = f.integer("gpus", 0);
    if (f.has("gpus") && (gpus < 1 || gpus > MAX_GPUS)) {
      throw f.error("gpus", "must be a whole number from 1 to " + MAX_GPUS + ", got " + gpus);
    }
    checkGpusFit(f, gpus, regions, home);
    JobSpec spec =
        new JobSpec(
            jobName,
            f.optText("team", MAX_TEAM_CHARS),
            kind,
            strategy,
            model == null ? jobName : model,
            baseModel,
            modelFile,
            DescriptorParts.dataset(f),
            DescriptorParts.network(f),
            estimate,
            earliest,
            deadline,
            regions,
            home,
            interruptible,
            interruptible ? (minSlice == null ? DEFAULT_MIN_SLICE : minSlice) : null,
            f.integer("priority", 0),
            schedule,
            target(f.optObject("target")),
            gpus);
    String format = name.toLowerCase(Locale.ROOT).endsWith(".json") ? "json" : "yaml";
    return new ParsedJob(spec, text, format, file);
  }

  private static Estimate estimate(Fields e) {
    if (e == null) {
      return null;
    }
    e.allowOnly(ESTIMATE_FIELDS);
    Duration d = e.optDuration("duration");
    if (d == null) {
      throw e.error("duration", "is required in an estimate");
    }
    if (!e.has("powerWatts")) {
      throw e.error("powerWatts", "is required in an estimate");
    }
    double watts = e.number("powerWatts", 0);
    if (!(watts > 0) || watts > 1_000_000) {
      throw e.error("powerWatts", "must be above 0 and at most 1 MW, got " + watts);
    }
    return new Estimate(d, watts);
  }

  private static TimeSpec timeSpec(Fields f, String field) {
    String s = f.optText(field);
    if (s == null) {
      return null;
    }
    if (Character.isDigit(s.charAt(0)) && s.contains("T") && s.length() >= 16) {
      return new TimeSpec.At(f.optInstant(field));
    }
    return new TimeSpec.After(f.optDuration(field));
  }

  private static void checkTimes(
      Fields f, Estimate estimate, TimeSpec earliest, TimeSpec deadline, Instant now) {
    Instant start = earliest == null ? now : earliest.resolve(now);
    if (deadline == null) {
      return;
    }
    Instant end = deadline.resolve(now);
    if (!end.isAfter(now)) {
      throw f.error("deadline", "is in the past (" + end + ", now " + now + ")");
    }
    if (!end.isAfter(start)) {
      throw f.error("deadline", "must be after earliestStart (" + start + ")");
    }
    if (estimate != null && Duration.between(start, end).compareTo(estimate.duration()) < 0) {
      throw f.error(
          "deadline",
          "leaves "
              + Duration.between(start, end)
              + " after earliestStart, less than the estimated "
              + estimate.duration());
    }
  }

  private List<String> regions(Fields f) {
    List<String> regions = f.textList("regions");
    if (regions == null) {
      return List.of(JobSpec.ANY_REGION);
    }
    if (regions.isEmpty()) {
      throw f.error("regions", "must list at least one region id, or '*'");
    }
    for (int i = 0; i < regions.size(); i++) {
      String r = regions.get(i);
      if (!r.equals(JobSpec.ANY_REGION) && !knownRegions.contains(r)) {
        throw f.error("regions[" + i + "]", unknownRegion(r));
      }
    }
    return regions;
  }

  private String home(Fields f, List<String> regions) {
    String home = f.optText("home");
    if (home == null) {
      if (regions.contains(JobSpec.ANY_REGION)) {
        throw f.error("home", "is required when regions is '*' (the region it would run in)");
      }
      return regions.get(0);
    }
    if (!knownRegions.contains(home)) {
      throw f.error("home", unknownRegion(home));
    }
    // the baseline runs at home: outside the allowed regions it would compare against a placement
    // the job may never have
    if (!regions.contains(JobSpec.ANY_REGION) && !regions.contains(home)) {
      throw f.error(
          "home",
          "'"
              + home
              + "' is not one of the allowed regions ("
              + String.join(", ", regions)
              + "); add it to regions or use regions: ['*']");
    }
    return home;
  }

  /**
   * Refuses a job that could never run: every region it may run in counts fewer GPUs than it asks
   * for. The planner would otherwise run it at once at home, over that region's GPUs.
   */
  private void checkGpusFit(Fields f, int gpus, List<String> regions, String home) {
    if (gpus == 0 || regionGpus.isEmpty()) {
      return;
    }
    Set<String> allowed = new LinkedHashSet<>();
    if (regions.contains(JobSpec.ANY_REGION)) {
      allowed.addAll(knownRegions.stream().sorted().toList());
    } else {
      allowed.addAll(regions);
    }
    allowed.add(home);
    List<String> counts = new ArrayList<>();
    for (String r : allowed) {
      Integer count = regionGpus.get(r);
      if (count == null || count >= gpus) {
        return;
      }
      counts.add(r + " has " + count);
    }
    throw f.error(
        "gpus",
        "asks for "
            + gpus
            + " GPUs, more than any region it may run in has ("
            + String.join(", ", counts)
            + "); ask for fewer or allow a region with enough");
  }

  private String unknownRegion(String id) {
    return "unknown region '"
        + id
        + "'; known: "
        + String.join(", ", knownRegions.stream().sorted().toList());
  }

  private static Target target(Fields t) {
    if (t == null) {
      return null;
    }
    t.allowOnly(TARGET_FIELDS);
    String metric = t.text("metric").toLowerCase(Locale.ROOT);
    if (!METRICS.contains(metric)) {
      throw t.error(
          "metric",
          "'"
              + metric
              + "' is not a regression model's metric; accepted: "
              + String.join(", ", METRICS));
    }
    if (!t.has("threshold")) {
      throw t.error("threshold", "is required in a target");
    }
    return new Target(metric, t.number("threshold", 0));
  }
}
