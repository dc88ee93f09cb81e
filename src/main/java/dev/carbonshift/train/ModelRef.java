package dev.carbonshift.train;

/**
 * A reference to a stored version as a descriptor writes it: {@code latest}, {@code 3}, {@code
 * name}, {@code name:latest} or {@code name:3}. A null version means the latest.
 */
record ModelRef(String name, Integer version) {

  static ModelRef parse(String text, String defaultName) {
    String t = text == null || text.isBlank() ? "latest" : text.trim();
    String name = defaultName;
    String ver = t;
    int colon = t.lastIndexOf(':');
    if (colon >= 0) {
      name = t.substring(0, colon);
      ver = t.substring(colon + 1);
    } else if (!t.equals("latest") && !t.chars().allMatch(Character::isDigit)) {
      name = t;
      ver = "latest";
    }
    if (ver.equals("latest")) {
      return new ModelRef(name, null);
    }
    try {
      return new ModelRef(name, Integer.parseInt(ver));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("baseModel: '" + text + "' is not name:version", e);
    }
  }

  @Override
  public String toString() {
    return name + ":" + (version == null ? "latest" : version);
  }
}
