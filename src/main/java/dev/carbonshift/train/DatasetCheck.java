package dev.carbonshift.train;

import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.config.LocatedTree;
import dev.carbonshift.job.DatasetSpec;
import dev.carbonshift.job.ParsedJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code train} would fail on, checked at submission so that a queued job does not fail hours
 * later at its green window: the dataset lies inside the dataset roots, exists and is readable, and
 * the trainer's own reading of it ({@link DatasetBuilder}) finds the columns, rows and window.
 * Errors name the descriptor's file, line and field, and never echo the dataset's contents.
 */
public final class DatasetCheck {
  private final List<Path> roots;

  /**
   * @param roots folders a dataset may lie in besides the descriptor's own
   */
  public DatasetCheck(List<Path> roots) {
    this.roots = roots.stream().map(DatasetCheck::real).toList();
  }

  /**
   * @param shownAs the descriptor's name in errors
   * @throws InvalidInputException naming the file, line and {@code dataset.*} field
   */
  public void check(ParsedJob job, String shownAs) {
    LocatedTree tree = LocatedTree.parse(shownAs, job.text());
    DatasetSpec spec = job.spec().dataset();
    if (spec == null || spec.path() == null) {
      throw tree.error("dataset", "is required to train: a CSV file with a path and a label");
    }
    // relative paths resolve as the trainer resolves them: beside the descriptor, else in the
    // working folder; but text posted without a file has no folder of its own to be a root
    Path baseDir =
        job.file() == null
            ? Path.of("").toAbsolutePath()
            : job.file().toAbsolutePath().normalize().getParent();
    Path file = real(baseDir.resolve(spec.path()));
    String pathField = tree.lineOf("dataset.path") > 0 ? "dataset.path" : "dataset";
    boolean besideDescriptor = job.file() != null && file.startsWith(real(baseDir));
    if (!besideDescriptor && roots.stream().noneMatch(file::startsWith)) {
      throw tree.error(
          pathField,
          "'"
              + spec.path()
              + "' lies outside the dataset roots ("
              + (job.file() == null ? "" : "the descriptor's folder, ")
              + roots
              + "); move the file under one of them or add its folder to"
              + " CARBONSHIFT_DATASET_ROOTS");
    }
    if (!Files.isRegularFile(file)) {
      throw tree.error(pathField, "no such file: " + file);
    }
    if (!Files.isReadable(file)) {
      throw tree.error(pathField, "cannot be read: " + file);
    }
    Passed key = passed(file, spec);
    if (key != null && PASSED.containsKey(key)) {
      return; // the same file, unchanged, read the same way: it passed already
    }
    try {
      DatasetBuilder.build(spec, baseDir);
    } catch (DatasetException e) {
      throw tree.error(fieldOf(e.getMessage(), spec, pathField), e.getMessage());
    }
    if (key != null) {
      PASSED.put(key, Boolean.TRUE);
    }
  }

  /** A dataset file as it was when it passed: the same spec on the same bytes passes again. */
  private record Passed(Path file, long size, long modifiedNanos, DatasetSpec spec) {}

  private static final int PASSED_KEPT = 256;

  /**
   * Datasets that passed, so that a client posting one descriptor many times (the API bench, a
   * retrying script) does not read its dataset on every request; bounded, least recently used out.
   */
  private static final java.util.Map<Passed, Boolean> PASSED =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Passed, Boolean> eldest) {
              return size() > PASSED_KEPT;
            }
          });

  private static Passed passed(Path file, DatasetSpec spec) {
    try {
      var a = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
      return new Passed(
          file, a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), spec);
    } catch (IOException e) {
      return null;
    }
  }

  /** Which field of the descriptor the trainer's complaint is about. */
  private static String fieldOf(String message, DatasetSpec spec, String pathField) {
    if (spec.label() != null && message.contains("no column '" + spec.label() + "'")) {
      return "dataset.label";
    }
    if (spec.timeColumn() != null && message.contains("no column '" + spec.timeColumn() + "'")) {
      return "dataset.timeColumn";
    }
    if (message.contains("no column '")) {
      return spec.filter() != null && message.contains("'" + filterColumn(spec) + "'")
          ? "dataset.filter"
          : "dataset.features";
    }
    if (message.contains("no rows left")) {
      return spec.from() != null ? "dataset.from" : "dataset.to";
    }
    if (message.contains(" samples; at least")) {
      return "dataset.window";
    }
    if (message.contains("from/to")) {
      return "dataset.timeColumn";
    }
    return pathField;
  }

  private static String filterColumn(DatasetSpec spec) {
    int eq = spec.filter().indexOf('=');
    return eq < 0 ? spec.filter() : spec.filter().substring(0, eq).trim();
  }

  /** The path with links resolved where it exists, so a link cannot lead out of a root. */
  private static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    try {
      return Files.exists(abs) ? abs.toRealPath() : abs;
    } catch (IOException e) {
      return abs;
    }
  }
}
