package dev.carbonshift.region;

import dev.carbonshift.config.Fields;
import dev.carbonshift.config.InvalidInputException;
import dev.carbonshift.config.LocatedTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The regions jobs may run in, loaded from a folder of {@code <id>.yaml} files. */
public final class RegionCatalog {
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "name",
          "zone",
          "pue",
          "capacity",
          "gpus",
          "watttimeRegion",
          "ukRegionId",
          "sources",
          "trace");
  /** Names a region's {@code sources} chain may use. */
  public static final Set<String> SOURCE_NAMES =
      Set.of("electricitymaps", "watttime", "ukgrid", "casdk", "trace", "yearly");

  private static final Set<String> GPU_FIELDS = Set.of("model", "count", "tdpWatts");

  private final Path dir;
  private final Map<String, Region> regions;

  private RegionCatalog(Path dir, Map<String, Region> regions) {
    this.dir = dir;
    this.regions = Collections.unmodifiableMap(regions);
  }

  public static RegionCatalog of(Path dir, List<Region> regions) {
    Map<String, Region> byId = new LinkedHashMap<>();
    regions.forEach(r -> byId.put(r.id(), r));
    return new RegionCatalog(dir, byId);
  }

  /**
   * Loads every {@code *.yaml}/{@code *.yml}/{@code *.json} file of {@code dir}, sorted by name.
   *
   * @throws InvalidInputException naming the file, line and field of the first bad region
   */
  public static RegionCatalog load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir.toString(), 0, null, "no such regions folder");
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(p -> p.getFileName().toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
    } catch (IOException e) {
      throw new InvalidInputException(dir.toString(), 0, null, "cannot list: " + e.getMessage());
    }
    Map<String, Region> byId = new LinkedHashMap<>();
    for (Path f : files) {
      Region r = parse(f);
      Region clash = byId.put(r.id(), r);
      if (clash != null) {
        throw new InvalidInputException(
            f.toString(),
            LocatedTree.parse(f.toString(), read(f)).lineOf("id"),
            "id",
            "region '" + r.id() + "' twice (also in another file of " + dir + ")");
      }
    }
    if (byId.isEmpty()) {
      throw new InvalidInputException(dir.toString(), 0, null, "no region files (*.yaml) here");
    }
    return new RegionCatalog(dir, byId);
  }

  static Region parse(Path file) {
    return parse(file.toString(), read(file));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(file.toString(), 0, null, "cannot read: " + e.getMessage());
    }
  }

  static Region parse(String file, String text) {
    LocatedTree tree = LocatedTree.parse(file, text);
    Fields f = Fields.root(tree).allowOnly(FIELDS);
    String id = f.text("id");
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw f.error("id", "'" + id + "' must be lower-case letters, digits and dashes");
    }
    double pue = f.number("pue", 1.0);
    if (pue < 1.0 || pue > 3.0) {
      throw f.error("pue", "must be between 1.0 and 3.0, got " + pue);
    }
    if (!f.has("capacity")) {
      throw f.error("capacity", "is required (how many jobs may run here at once)");
    }
    int capacity = f.integer("capacity", 0);
    if (capacity < 1) {
      throw f.error("capacity", "must be at least 1, got " + capacity);
    }
    Gpus gpus = null;
    Fields g = f.optObject("gpus");
    if (g != null) {
      g.allowOnly(GPU_FIELDS);
      int count = g.integer("count", 1);
      double tdp = g.number("tdpWatts", 0);
      if (count < 1) {
        throw g.error("count", "must be at least 1");
      }
      if (tdp < 0) {
        throw g.error("tdpWatts", "must not be negative");
      }
      gpus = new Gpus(g.text("model"), count, tdp);
    }
    Integer uk = f.has("ukRegionId") ? f.integer("ukRegionId", 0) : null;
    if (uk != null && (uk < 1 || uk > 18)) {
      throw f.error("ukRegionId", "must be a UK Carbon Intensity region id from 1 to 18");
    }
    List<String> sources = f.textList("sources");
    if (sources != null) {
      for (int i = 0; i < sources.size(); i++) {
        if (!SOURCE_NAMES.contains(sources.get(i))) {
          throw tree.error(
              "sources[" + i + "]",
              "unknown source '" + sources.get(i) + "'; known: "
                  + String.join(", ", SOURCE_NAMES.stream().sorted().toList()));
        }
      }
    }
    return new Region(
        id,
        f.optText("name"),
        f.text("zone"),
        pue,
        capacity,
        gpus,
        f.optText("watttimeRegion"),
        uk,
        sources == null ? List.of() : new ArrayList<>(sources),
        f.optText("trace"));
  }

  /** The folder the catalog was loaded from (relative trace paths resolve against it). */
  public Path dir() {
    return dir;
  }

  public List<Region> all() {
    return List.copyOf(regions.values());
  }

  public Optional<Region> find(String id) {
    return Optional.ofNullable(regions.get(id));
  }

  public Set<String> ids() {
    return regions.keySet();
  }

  /** The trace file of a region, resolved against the catalog's folder, if it names one. */
  public Optional<Path> traceOf(Region r) {
    return Optional.ofNullable(r.trace()).map(t -> dir.resolve(t).normalize());
  }
}
