package dev.carbonshift.energy;

import java.util.ArrayList;
import java.util.List;

/**
 * A sensor's samples, bounded: when full, every other point is dropped and later points are kept at
 * the doubled stride. Points are cumulative, so energy between any two kept points stays exact.
 */
final class SampleSeries {
  private final int capacity;
  private final List<EnergySample> kept = new ArrayList<>();
  private EnergySample latest;
  private long offered;
  private long stride = 1;

  SampleSeries(int capacity) {
    if (capacity < 4) {
      throw new IllegalArgumentException("sample capacity must be at least 4: " + capacity);
    }
    this.capacity = capacity;
  }

  void add(EnergySample s) {
    latest = s;
    if (offered++ % stride != 0) {
      return;
    }
    kept.add(s);
    if (kept.size() >= capacity) {
      List<EnergySample> thinned = new ArrayList<>(capacity / 2 + 1);
      for (int i = 0; i < kept.size(); i += 2) {
        thinned.add(kept.get(i));
      }
      kept.clear();
      kept.addAll(thinned);
      stride *= 2;
    }
  }

  /** The kept points plus the latest one, in time order. */
  List<EnergySample> snapshot() {
    List<EnergySample> out = new ArrayList<>(kept);
    if (latest != null && (out.isEmpty() || out.get(out.size() - 1) != latest)) {
      out.add(latest);
    }
    return out;
  }
}
