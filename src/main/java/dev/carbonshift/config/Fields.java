package dev.carbonshift.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the fields of one mapping in a {@link LocatedTree}, naming the file, line and field path of
 * anything wrong. Unknown fields are errors, with the nearest known name suggested, so that a typo
 * never passes silently.
 */
public final class Fields {
  private final LocatedTree tree;
  private final JsonNode node;
  private final String prefix;

  public Fields(LocatedTree tree, JsonNode node, String prefix) {
    this.tree = tree;
    this.node = node;
    this.prefix = prefix;
  }

  public static Fields root(LocatedTree tree) {
    return new Fields(tree, tree.root(), "");
  }

  public String path(String field) {
    return prefix.isEmpty() ? field : prefix + "." + field;
  }

  public InvalidInputException error(String field, String problem) {
    return tree.error(path(field), problem);
  }

  /** Rejects any field not in {@code known}. */
  public Fields allowOnly(Set<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        String hint =
            Spelling.closest(name, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
        throw error(
            name,
            "unknown field"
                + hint
                + "; known fields: "
                + String.join(", ", known.stream().sorted().toList()));
      }
    }
    return this;
  }

  public boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  public String text(String field) {
    if (!has(field)) {
      throw error(field, "is required");
    }
    return optText(field);
  }

  public String optText(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw error(field, "must be a single value, not " + kind(v));
    }
    String s =
        v.isBoolean() && tree.rawScalar(path(field)) != null
            ? tree.rawScalar(path(field)).trim()
            : v.asText().trim();
    if (s.isEmpty()) {
      throw error(field, "must not be empty");
    }
    return s;
  }

  /** As {@link #optText(String)}, refusing text longer than {@code maxChars}, naming the limit. */
  public String optText(String field, int maxChars) {
    String s = optText(field);
    if (s != null && s.length() > maxChars) {
      throw error(
          field, "is " + s.length() + " characters, over the limit of " + maxChars + " characters");
    }
    return s;
  }

  /** As {@link #text(String)}, with a length limit. */
  public String text(String field, int maxChars) {
    if (!has(field)) {
      throw error(field, "is required");
    }
    return optText(field, maxChars);
  }

  public <E extends Enum<E>> E enumValue(String field, Class<E> type, E dflt) {
    String s = optText(field);
    if (s == null) {
      if (dflt == null) {
        throw error(field, "is required");
      }
      return dflt;
    }
    try {
      return Enum.valueOf(type, s.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      List<String> allowed = new ArrayList<>();
      for (E c : type.getEnumConstants()) {
        allowed.add(c.name().toLowerCase(Locale.ROOT));
      }
      throw error(field, "'" + s + "' is not one of " + String.join(", ", allowed));
    }
  }

  public double number(String field, double dflt) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw error(field, "must be a number, got '" + v.asText() + "'");
  }

  public Double optNumber(String field) {
    return has(field) ? number(field, 0) : null;
  }

  public int integer(String field, int dflt) {
    double d = number(field, dflt);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw error(field, "must be a whole number, got " + d);
    }
    return (int) d;
  }

  public long longInteger(String field, long dflt) {
    double d = number(field, dflt);
    if (d != Math.rint(d)) {
      throw error(field, "must be a whole number, got " + d);
    }
    return (long) d;
  }

  public boolean bool(String field, boolean dflt) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    String s = v.asText().trim().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw error(field, "must be true or false, got '" + v.asText() + "'");
  }

  /** A duration as ISO-8601 ({@code PT6H}) or human ({@code 6h}, {@code 90m}, {@code 1h30m}). */
  public Duration optDuration(String field) {
    String s = optText(field);
    if (s == null) {
      return null;
    }
    try {
      return Durations.parse(s);
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
    }
  }

  public Instant optInstant(String field) {
    String s = optText(field);
    if (s == null) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      throw error(field, "'" + s + "' is not an ISO-8601 instant such as 2026-03-01T02:00:00Z");
    }
  }

  /** A list of strings; a single string counts as a list of one. */
  public List<String> textList(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (v.isValueNode()) {
      out.add(optText(field));
      return out;
    }
    if (!v.isArray()) {
      throw error(field, "must be a list, not " + kind(v));
    }
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isValueNode() || e.isNull() || e.asText().isBlank()) {
        throw tree.error(path(field) + "[" + i + "]", "must be a non-empty value");
      }
      String raw = e.isBoolean() ? tree.rawScalar(path(field) + "[" + i + "]") : null;
      out.add(raw != null ? raw.trim() : e.asText().trim());
    }
    return out;
  }

  public List<Integer> intList(String field) {
    List<String> raw = textList(field);
    if (raw == null) {
      return null;
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      try {
        out.add(Integer.parseInt(raw.get(i)));
      } catch (NumberFormatException e) {
        throw tree.error(path(field) + "[" + i + "]", "must be a whole number");
      }
    }
    return out;
  }

  /** The fields of a nested mapping, or null when absent. */
  public Fields optObject(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw error(field, "must be a mapping of fields, not " + kind(v));
    }
    return new Fields(tree, v, path(field));
  }

  public boolean isText(String field) {
    JsonNode v = node.get(field);
    return v != null && v.isValueNode() && !v.isNull();
  }

  public Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  private static String kind(JsonNode v) {
    return v.isArray() ? "a list" : v.isObject() ? "a mapping" : "a value";
  }
}
