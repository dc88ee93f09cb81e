package dev.carbonshift.energy.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Normalises CPU and GPU model names so that a catalogue entry can be matched token by token. */
final class ModelNames {
  private static final Pattern CORES = Pattern.compile("(\\d+)-core", Pattern.CASE_INSENSITIVE);
  private static final Set<String> NOISE =
      Set.of("cpu", "processor", "nvidia", "geforce", "tesla", "apu", "soc");

  private ModelNames() {}

  /**
   * Tokens of a CPU name: {@code Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz} → intel xeon gold 6248.
   */
  static Set<String> cpuTokens(String name) {
    return tokens(name, "[\\s,]+");
  }

  /** Tokens of a GPU name; dashes split too: {@code Tesla V100-SXM2-16GB} → v100 sxm2 16gb. */
  static Set<String> gpuTokens(String name) {
    return tokens(name, "[\\s,\\-]+");
  }

  private static Set<String> tokens(String name, String separators) {
    String s = name.toLowerCase(Locale.ROOT);
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    s = s.replace("(r)", " ").replace("(tm)", " ").replace("®", " ").replace("™", " ");
    s = s.replaceAll("\\(.*?\\)", " ");
    s = CORES.matcher(s).replaceAll(" ");
    s = s.replaceAll("with radeon.*", " ").replaceAll("includes .*", " ");
    Set<String> out = new LinkedHashSet<>();
    for (String t : s.trim().split(separators)) {
      if (!t.isBlank() && !NOISE.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** The {@code N} of an {@code N-Core} in the name (AMD puts it there), if any. */
  static OptionalInt coresInName(String name) {
    Matcher m = CORES.matcher(name);
    return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  /**
   * Whether catalogue entry {@code entry} names the same part as {@code actual}: every entry token
   * is in the actual name, and at least one of them carries a digit (the model number), so that
   * {@code AMD EPYC} alone matches nothing.
   */
  static boolean matches(Set<String> entry, Set<String> actual) {
    return !entry.isEmpty()
        && actual.containsAll(entry)
        && entry.stream().anyMatch(t -> t.chars().anyMatch(Character::isDigit));
  }

  /** Splits one CSV line, honouring double quotes. */
  static List<String> csv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (c == ',' && !quoted) {
        out.add(cur.toString().trim());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString().trim());
    return out;
  }
}
