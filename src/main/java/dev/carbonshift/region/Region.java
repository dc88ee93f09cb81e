package dev.carbonshift.region;

import java.util.List;
import java.util.Objects;

/**
 * A place where jobs may run: a cloud region in one grid zone.
 *
 * @param zone Electricity Maps zone id of the grid the region draws from
 * @param pue power usage effectiveness of its data centre (facility energy / IT energy), ≥ 1
 * @param capacity how many jobs may run there at once
 * @param gpus accelerators, or {@code null}
 * @param watttimeRegion WattTime balancing authority, or {@code null}
 * @param ukRegionId UK Carbon Intensity region id (1–18), or {@code null}
 * @param sources source chain to ask for intensities, first to last; empty means the default chain
 * @param trace trace file for the offline source, relative to the regions folder, or {@code null}
 */
public record Region(
    String id,
    String name,
    String zone,
    double pue,
    int capacity,
    Gpus gpus,
    String watttimeRegion,
    Integer ukRegionId,
    List<String> sources,
    String trace) {

  public Region {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(zone, "zone");
    sources = sources == null ? List.of() : List.copyOf(sources);
    if (name == null) {
      name = id;
    }
  }
}
