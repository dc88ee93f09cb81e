package dev.carbonshift.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carbonshift.store.PlacementRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The windows a placement runs in: its slices for an interruptible job, else [start, end). */
final class Slices {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Window(Instant start, Instant end) {}

  List<Window> of(PlacementRecord p) {
    if (p.slicesJson() == null || p.slicesJson().isBlank()) {
      return List.of(new Window(p.start(), p.end()));
    }
    try {
      List<Window> out = new ArrayList<>();
      for (JsonNode n : JSON.readTree(p.slicesJson())) {
        out.add(
            new Window(
                Instant.parse(n.get("start").asText()), Instant.parse(n.get("end").asText())));
      }
      return out.isEmpty() ? List.of(new Window(p.start(), p.end())) : out;
    } catch (java.io.IOException | RuntimeException e) {
      throw new IllegalStateException("placement " + p.id() + " has unreadable slices: " + e, e);
    }
  }
}
