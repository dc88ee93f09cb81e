package dev.carbonshift.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A CSV file read whole: a header and rows of cells, each remembering its 1-based line number so
 * that later checks can name where a bad value sits. {@code .gz} files are decompressed on the fly.
 */
record CsvTable(String file, List<String> header, List<Row> rows) {

  /** One data row; {@code line} is its line in the file (the header is line 1). */
  record Row(int line, List<String> cells, String raw) {}

  static CsvTable read(Path path) {
    String name = path.toString();
    try (InputStream in = open(path);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String headerLine = reader.readLine();
      if (headerLine == null || headerLine.isBlank()) {
        throw DatasetException.at(name, 1, 1, "the file is empty (no header)");
      }
      List<String> header = split(stripBom(headerLine));
      List<Row> rows = new ArrayList<>();
      int lineNo = 1;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        List<String> cells = split(line);
        if (cells.size() < header.size()) {
          throw DatasetException.at(
              name,
              lineNo,
              cells.size() + 1,
              "row has " + cells.size() + " cells, the header has " + header.size());
        }
        rows.add(new Row(lineNo, cells, line));
      }
      if (rows.isEmpty()) {
        throw DatasetException.at(name, 2, 1, "the file has a header but no rows");
      }
      return new CsvTable(name, header, rows);
    } catch (NoSuchFileException e) {
      throw new DatasetException(name + ": no such file");
    } catch (IOException e) {
      throw new DatasetException(name + ": cannot read: " + e.getMessage());
    }
  }

  /** 0-based index of a column, or an error naming the header line. */
  int column(String columnName) {
    int i = header.indexOf(columnName);
    if (i < 0) {
      throw DatasetException.at(
          file,
          1,
          header.size() + 1,
          // the header is the file's first line: never echoed, whatever file it turns out to be
          "no column '" + columnName + "' among the header's " + header.size() + " columns");
    }
    return i;
  }

  /** The number in a cell, or an error naming its line and 1-based column. */
  double number(Row row, int column) {
    String cell = row.cells().get(column).trim();
    try {
      double v = Double.parseDouble(cell);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below with its position
    }
    throw DatasetException.at(
        file,
        row.line(),
        column + 1,
        "the cell is not a finite number (its text is not repeated here)");
  }

  private static InputStream open(Path path) throws IOException {
    InputStream in = Files.newInputStream(path);
    return path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** Splits one line on commas, honouring double quotes (a doubled quote is a literal quote). */
  static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
