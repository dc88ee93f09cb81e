package dev.carbonshift.carbon;

import dev.carbonshift.region.Region;
import java.util.List;

/** Regions for tests. */
public final class Regions {
  private Regions() {}

  public static Region region(String id, String zone, List<String> sources, String trace) {
    return new Region(id, null, zone, 1.0, 1, null, null, null, sources, trace);
  }

  public static Region withWattTime(String id, String zone, String watttimeRegion) {
    return new Region(id, null, zone, 1.0, 1, null, watttimeRegion, null, List.of(), null);
  }

  public static Region withUkRegion(String id, Integer ukRegionId) {
    return new Region(id, null, "GB", 1.0, 1, null, null, ukRegionId, List.of(), null);
  }
}
