package dev.carbonshift.daemon.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.carbonshift.job.JobState;
import dev.carbonshift.store.Decision;
import dev.carbonshift.store.PlacementRecord;
import dev.carbonshift.store.RunRecord;
import dev.carbonshift.store.StoredJob;
import java.util.Optional;

/** The JSON shapes of jobs, placements and runs, kept in one place so clients can rely on them. */
final class JobViews {
  private final ApiStore store;

  JobViews(ApiStore store) {
    this.store = store;
  }

  /** {@code GET /jobs}: one row per job, oldest first. */
  ArrayNode list() {
    ArrayNode a = Json.MAPPER.createArrayNode();
    // One placement query per job; a join in PlacementRepository would make this one query.
    for (StoredJob j : store.jobs().all()) {
      Optional<PlacementRecord> p = store.placements().current(j.id());
      a.addObject()
          .put("id", j.id())
          .put("name", j.name())
          .put("team", j.team())
          .put("state", j.state().name())
          .put("reason", j.stateReason())
          .put("region", p.map(PlacementRecord::region).orElse(null))
          .put("start", p.map(x -> Json.text(x.start())).orElse(null));
    }
    return a;
  }

  /** {@code GET /jobs/{id}}: the job, its current placement, its runs and its decisions. */
  ObjectNode detail(StoredJob j) {
    ObjectNode n = summary(j);
    n.put("team", j.team())
        .put("kind", j.kind().name())
        .put("strategy", j.strategy().name())
        .put("model", j.model())
        .put("reason", j.stateReason())
        .put("submittedAt", Json.text(j.submittedAt()))
        .put("updatedAt", Json.text(j.updatedAt()))
        .put("earliestStart", Json.text(j.earliestStart()))
        .put("deadline", Json.text(j.deadline()))
        .put("home", j.homeRegion())
        .put("interruptible", j.interruptible())
        .put("priority", j.priority())
        .put("schedule", j.schedule());
    n.set("placement", store.placements().current(j.id()).map(JobViews::placement).orElse(null));
    ArrayNode runs = n.putArray("runs");
    for (RunRecord r : store.runs().forJob(j.id())) {
      runs.add(run(r));
    }
    ArrayNode decisions = n.putArray("decisions");
    for (Decision d : store.decisions().forJob(j.id())) {
      decisions
          .addObject()
          .put("at", Json.text(d.at()))
          .put("category", d.category())
          .put("decision", d.decision())
          .put("reason", d.reason());
    }
    return n;
  }

  /** {@code GET /plan}: planned jobs with where and when they will run, and why. */
  ArrayNode plan() {
    ArrayNode a = Json.MAPPER.createArrayNode();
    for (StoredJob j : store.jobs().inState(JobState.PLANNED)) {
      store.placements().current(j.id()).ifPresent(p -> a.add(summary(j).setAll(placement(p))));
    }
    return a;
  }

  static ObjectNode summary(StoredJob j) {
    return Json.object().put("id", j.id()).put("name", j.name()).put("state", j.state().name());
  }

  static ObjectNode placement(PlacementRecord p) {
    ObjectNode n =
        Json.object()
            .put("region", p.region())
            .put("start", Json.text(p.start()))
            .put("end", Json.text(p.end()))
            .put("plannedAt", Json.text(p.plannedAt()));
    n.set("slices", slices(p.slicesJson()));
    n.put("reason", p.reason().text())
        .put("fallback", p.fallback())
        .put("expectedKwh", p.expectedKwh())
        .put("expectedGCo2e", p.expectedGCo2e())
        .put("baselineGCo2e", p.baselineGCo2e());
    // the reason's parts beside its text, so that clients need not parse the words
    return n.setAll((ObjectNode) Json.MAPPER.valueToTree(p.reason().parts()));
  }

  /** Each run is one slice of the job's time; an interrupted job has several. */
  static ObjectNode run(RunRecord r) {
    ObjectNode n =
        Json.object()
            .put("id", r.id())
            .put("region", r.region())
            .put("state", r.state().name())
            .put("start", Json.text(r.startedAt()))
            .put("end", Json.text(r.endedAt()))
            .put("heartbeatAt", Json.text(r.heartbeatAt()));
    RunRecord.Accounting a = r.accounting();
    if (a == null) {
      return n.putNull("itKwh").putNull("kwh").putNull("kgCo2e").putNull("avoidedKgCo2e");
    }
    return n.put("itKwh", a.itKwh())
        .put("kwh", a.facilityKwh() == null ? a.itKwh() : a.facilityKwh())
        .put("kgCo2e", a.kgCo2e())
        .put("avoidedKgCo2e", a.avoidedKgCo2e());
  }

  private static JsonNode slices(String json) {
    if (json == null) {
      return Json.MAPPER.nullNode();
    }
    JsonNode n = Json.readOrNull(json);
    return n == null ? Json.MAPPER.getNodeFactory().textNode(json) : n;
  }
}
