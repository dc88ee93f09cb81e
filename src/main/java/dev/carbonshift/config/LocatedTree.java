package dev.carbonshift.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML or JSON document read into a tree, with the line of every field kept, so that validation
 * can name the line of the field it rejects. Field paths are dotted, with indices in brackets:
 * {@code estimate.duration}, {@code regions[2]}.
 */
public final class LocatedTree {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MARK = Pattern.compile("line (\\d+), column \\d+");

  /**
   * The largest document read. Descriptors and region files are a few hundred bytes; parsing is far
   * from linear on hostile input (a 50 MB value took minutes), so the size is checked first.
   */
  public static final int MAX_BYTES = 1 << 20;

  private final String file;
  private final JsonNode root;
  private final Map<String, Integer> lines;
  private final Map<String, String> rawScalars;

  private LocatedTree(
      String file, JsonNode root, Map<String, Integer> lines, Map<String, String> rawScalars) {
    this.file = file;
    this.root = root;
    this.lines = lines;
    this.rawScalars = rawScalars;
  }

  /**
   * Parses {@code text}; JSON if {@code file} ends in {@code .json}, else YAML.
   *
   * @throws InvalidInputException on a syntax error, with its line
   */
  public static LocatedTree parse(String file, String text) {
    // a char is at least one UTF-8 byte, so more chars than the limit is surely too many bytes
    if (text.length() > MAX_BYTES) {
      throw tooLarge(file, text.length() + " characters");
    }
    checkText(file, text);
    ObjectMapper mapper = file.toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? JSON : YAML;
    try {
      JsonNode root = mapper.readTree(text);
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new InvalidInputException(file, 1, null, "the file is empty");
      }
      if (!root.isObject()) {
        throw new InvalidInputException(file, 1, null, "expected a mapping of fields at the top");
      }
      Map<String, Integer> lines = new HashMap<>();
      Map<String, String> raw = new HashMap<>();
      index(file, mapper, text, lines, raw);
      return new LocatedTree(file, root, lines, raw);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          file,
          syntaxErrorLine(e, mapper == YAML),
          null,
          "syntax error: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidInputException(file, 0, null, "cannot read: " + e.getMessage());
    }
  }

  /**
   * Where a syntax error is. Jackson locates YAML errors at the start of the enclosing context (the
   * line above a tab-indented key); SnakeYAML's message ends with the problem's own mark.
   */
  private static int syntaxErrorLine(JsonProcessingException e, boolean yaml) {
    if (yaml && e.getOriginalMessage() != null) {
      Matcher m = MARK.matcher(e.getOriginalMessage());
      int line = 0;
      while (m.find()) {
        line = Integer.parseInt(m.group(1));
      }
      if (line > 0) {
        return line;
      }
    }
    JsonLocation loc = e.getLocation();
    return loc == null ? 0 : loc.getLineNr();
  }

  /**
   * Refuses binary input, naming the UTF-8 byte offset of the first control character (a NUL, an
   * escape) so the user can find it with a hex viewer; YAML's own complaint names neither.
   */
  public static void checkText(String file, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
        long offset = text.substring(0, i).getBytes(StandardCharsets.UTF_8).length;
        throw notText(file, String.format("a control byte 0x%02x", (int) c), offset);
      }
    }
  }

  /** The error for input that is not UTF-8 text. */
  public static InvalidInputException notText(String file, String what, long byteOffset) {
    return new InvalidInputException(
        file,
        0,
        null,
        "not text: " + what + " at byte offset " + byteOffset + "; expected YAML or JSON in UTF-8");
  }

  /** The error for a document over {@link #MAX_BYTES}, before any of it is parsed. */
  public static InvalidInputException tooLarge(String file, String size) {
    return new InvalidInputException(
        file,
        0,
        null,
        "is " + size + ", over the limit of " + MAX_BYTES + " bytes; a descriptor is a few lines");
  }

  private static void index(
      String file,
      ObjectMapper mapper,
      String text,
      Map<String, Integer> lines,
      Map<String, String> raw)
      throws IOException {
    // where each key was first written: a key written twice is an error, since the tree keeps
    // only the last (deadline: 12h, later deadline: 400h, would quietly give a 17-day window)
    Map<String, Integer> keys = new HashMap<>();
    try (JsonParser p = mapper.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME || t.isScalarValue() || t.isStructStart()) {
          String path = pathOf(p, t);
          if (t == JsonToken.FIELD_NAME) {
            int line = p.currentTokenLocation().getLineNr();
            Integer first = keys.putIfAbsent(path, line);
            if (first != null) {
              throw new InvalidInputException(
                  file,
                  line,
                  path,
                  "duplicate key '"
                      + p.currentName()
                      + "': first on line "
                      + first
                      + ", again on line "
                      + line
                      + "; keep one");
            }
          }
          // The root's own line ("") is where a missing required field is reported.
          lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
          if (!path.isEmpty()) {
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
              // YAML 1.1 reads `no`, `yes`, `on`, `off` as booleans: keep the words as written,
              // so a region id `no` (Norway) stays "no", not "false".
              raw.put(path, p.getText());
            }
          }
        }
      }
    }
  }

  /** The scalar at {@code path} as written in the file, for values YAML read as booleans. */
  public String rawScalar(String path) {
    return rawScalars.get(path);
  }

  private static String pathOf(JsonParser p, JsonToken t) {
    var ctx = p.getParsingContext();
    if (t.isStructStart()) {
      ctx = ctx.getParent();
    }
    StringBuilder sb = new StringBuilder();
    build(ctx, sb);
    return sb.toString();
  }

  private static void build(com.fasterxml.jackson.core.JsonStreamContext ctx, StringBuilder sb) {
    if (ctx == null || ctx.inRoot()) {
      return;
    }
    build(ctx.getParent(), sb);
    if (ctx.inObject() && ctx.getCurrentName() != null) {
      if (sb.length() > 0) {
        sb.append('.');
      }
      sb.append(ctx.getCurrentName());
    } else if (ctx.inArray()) {
      sb.append('[').append(Math.max(ctx.getCurrentIndex(), 0)).append(']');
    }
  }

  public String file() {
    return file;
  }

  public JsonNode root() {
    return root;
  }

  /**
   * A copy of the tree in which every YAML 1.1 boolean word other than {@code true} and {@code
   * false} ({@code no}, {@code yes}, {@code on}, {@code off}) is the text as written: what a tool
   * that rewrites a descriptor must start from, so that a region {@code no} is written back as
   * Norway, not {@code false}.
   */
  public JsonNode rootAsWritten() {
    return asWritten(root.deepCopy(), "");
  }

  private JsonNode asWritten(JsonNode n, String path) {
    if (n.isBoolean()) {
      String raw = rawScalars.get(path);
      boolean word = raw != null && !raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false");
      return word ? com.fasterxml.jackson.databind.node.TextNode.valueOf(raw) : n;
    }
    if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      var names = new java.util.ArrayList<String>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        o.set(name, asWritten(o.get(name), path.isEmpty() ? name : path + "." + name));
      }
    } else if (n instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, asWritten(a.get(i), path + "[" + i + "]"));
      }
    }
    return n;
  }

  /** Line of a field path, or of its nearest enclosing field, or 0. */
  public int lineOf(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return lines.getOrDefault("", 0);
  }

  /** An error about {@code path}, located at its line. */
  public InvalidInputException error(String path, String problem) {
    return new InvalidInputException(file, lineOf(path), path, problem);
  }

  /** Converts a Jackson mapping failure into an error at the field it concerns. */
  public InvalidInputException error(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return error(path.toString(), e.getOriginalMessage());
  }
}
