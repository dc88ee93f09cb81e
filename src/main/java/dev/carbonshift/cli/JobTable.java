package dev.carbonshift.cli;

import dev.carbonshift.store.JobRepository;
import dev.carbonshift.store.PlacementRepository;
import dev.carbonshift.store.StoredJob;
import java.io.PrintWriter;
import java.util.List;

/** The table of jobs that {@code status} and {@code demo} print. */
final class JobTable {
  private JobTable() {}

  static void print(JobRepository repository, PlacementRepository placements, PrintWriter out) {
    print(repository, placements, java.util.Map.of(), out);
  }

  /** As above, a RUNNING job whose run is dead shown as stale, with why below the table. */
  static void print(
      JobRepository repository,
      PlacementRepository placements,
      java.util.Map<String, String> stale,
      PrintWriter out) {
    List<StoredJob> jobs = repository.all();
    if (jobs.isEmpty()) {
      out.println("no jobs");
      return;
    }
    Table t = new Table("ID", "NAME", "TEAM", "KIND", "STATE", "HOME", "DEADLINE", "PLACEMENT");
    for (StoredJob j : jobs) {
      String placed =
          placements
              .current(j.id())
              .map(p -> p.region() + " @ " + Times.show(p.start()))
              .orElse("-");
      t.row(
          j.id(),
          j.name(),
          j.team(),
          j.kind().name().toLowerCase(java.util.Locale.ROOT),
          stale.containsKey(j.id()) ? j.state().name() + " (stale)" : j.state().name(),
          j.homeRegion(),
          Times.show(j.deadline()),
          placed);
    }
    t.print(out);
    stale.forEach(
        (id, why) ->
            out.printf(
                "%s is stale: %s; no run is live. 'train FILE' resumes it from its last"
                    + " checkpoint, a daemon re-queues it%n",
                id, why));
  }
}
