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
    Path baseDir =
        job.file() == null
            ? Path.of("").toAbsolutePath()
            : job.file().toAbsolutePath().normalize().getParent();
    Path file = real(baseDir.resolve(spec.path()));
    String pathField = tree.lineOf("dataset.path") > 0 ? "dataset.path" : "dataset";
    if (!file.startsWith(real(baseDir)) && roots.stream().noneMatch(file::startsWith)) {
      throw tree.error(
          pathField,
          "'"
              + spec.path()
              + "' lies outside the dataset roots (the descriptor's folder, "
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
    try {
      DatasetBuilder.build(spec, baseDir);
    } catch (DatasetException e) {
      throw tree.error(fieldOf(e.getMessage(), spec, pathField), e.getMessage());
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
