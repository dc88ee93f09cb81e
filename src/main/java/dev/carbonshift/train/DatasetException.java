package dev.carbonshift.train;

/** A dataset that cannot be used as asked; the message names the file, line and column. */
final class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  DatasetException(String message) {
    super(message);
  }

  static DatasetException at(String file, int line, int column, String what) {
    return new DatasetException(file + ": line " + line + ", column " + column + ": " + what);
  }
}
