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
          j.state().name(),
          j.homeRegion(),
          Times.show(j.deadline()),
          placed);
    }
    t.print(out);
  }
}
