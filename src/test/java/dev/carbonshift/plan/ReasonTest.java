package dev.carbonshift.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A reason's parts become words in one order, the one {@code plan}, the API and the log show. */
class ReasonTest {
  private static final Instant T = Instant.parse("2026-03-01T02:00:00Z");

  @Test
  void text_joins_summary_taken_option_fallback_and_notes_then_names_the_method() {
    Reason r =
        new Reason(
            Reason.Outcome.LOWEST_EMISSIONS,
            "lowest expected emissions among es, no",
            new Reason.Taken("no", T),
            "no forecast for NO: used its yearly mean of 30 g/kWh",
            List.of("estimated by default", "no deadline"),
            null);

    assertThat(r.text())
        .isEqualTo(
            "lowest expected emissions among es, no; capacity: the cleanest option (no from"
                + " 2026-03-01T02:00:00Z) was taken by others; no forecast for NO: used its yearly"
                + " mean of 30 g/kWh; estimated by default; no deadline");
    assertThat(r.foundBy("exact").text()).isEqualTo(r.text() + " [exact]");
    assertThat(r.foundBy("exact").method()).isEqualTo("exact");
  }

  @Test
  void a_reason_of_its_summary_alone_is_its_summary() {
    assertThat(Reason.of(Reason.Outcome.NO_CAPACITY, "no room").text()).isEqualTo("no room");
    assertThat(Reason.recorded("old words [heuristic]").text()).isEqualTo("old words [heuristic]");
    assertThat(Reason.recorded("old words").outcome()).isEqualTo(Reason.Outcome.RECORDED);
  }
}
