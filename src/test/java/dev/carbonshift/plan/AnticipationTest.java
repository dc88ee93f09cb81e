package dev.carbonshift.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnticipationTest {
  private static final Instant T0 = Instant.parse("2022-03-01T00:00:00Z");

  private static PlanJob job(String id, Instant at, int hours) {
    return new PlanJob(
        id,
        at,
        at,
        at.plus(Duration.ofHours(hours + 6)),
        Duration.ofHours(hours),
        500,
        false,
        null,
        0,
        0,
        "es",
        java.util.Set.of());
  }

  @Test
  void samples_are_the_last_days_moved_on_and_only_where_the_history_holds_them() {
    List<PlanJob> history = new ArrayList<>();
    for (int h = 0; h < 5 * 24; h += 5) {
      history.add(job("j" + h, T0.plus(Duration.ofHours(h)), 1 + h % 4));
    }
    Instant now = T0.plus(Duration.ofHours(60));

    Anticipation.Futures f = Anticipation.at(history, T0, now);

    // 60 h of history: two whole days back, not three
    assertThat(f.samples()).isEqualTo(2);
    assertThat(f.jobs()).isNotEmpty();
    assertThat(f.jobs())
        .allMatch(j -> j.submittedAt().isAfter(now))
        .allMatch(j -> !j.submittedAt().isAfter(now.plus(Anticipation.HORIZON)))
        .allMatch(j -> j.id().startsWith("expected-"));
    // each expected job is a past arrival moved on by whole days, as it came
    for (PlanJob e : f.jobs()) {
      String original = e.id().substring(e.id().indexOf('-', "expected-".length()) + 1);
      PlanJob o = history.stream().filter(j -> j.id().equals(original)).findFirst().orElseThrow();
      long days = Duration.between(o.submittedAt(), e.submittedAt()).toDays();
      assertThat(days).isBetween(1L, 2L);
      assertThat(e.duration()).isEqualTo(o.duration());
      assertThat(Duration.between(e.submittedAt(), e.deadline()))
          .isEqualTo(Duration.between(o.submittedAt(), o.deadline()));
    }
    assertThat(Anticipation.at(history, T0, T0.plus(Duration.ofHours(20))).samples()).isZero();
  }

  @Test
  void arrivals_after_now_are_never_read() {
    List<PlanJob> past = new ArrayList<>();
    for (int h = 0; h < 4 * 24; h += 3) {
      past.add(job("p" + h, T0.plus(Duration.ofHours(h)), 2));
    }
    Instant now = T0.plus(Duration.ofHours(80));
    List<PlanJob> withFuture = new ArrayList<>(past);
    for (int h = 81; h < 200; h += 2) {
      withFuture.add(job("f" + h, T0.plus(Duration.ofHours(h)), 9));
    }
    java.util.Collections.shuffle(withFuture, new java.util.Random(4));

    List<String> a =
        Anticipation.at(past, T0, now).jobs().stream().map(PlanJob::id).sorted().toList();
    List<String> b =
        Anticipation.at(withFuture, T0, now).jobs().stream().map(PlanJob::id).sorted().toList();

    assertThat(b).isEqualTo(a).isNotEmpty();
  }
}
