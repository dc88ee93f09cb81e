package dev.carbonshift.job;

import static dev.carbonshift.job.JobState.CANCELLED;
import static dev.carbonshift.job.JobState.FAILED;
import static dev.carbonshift.job.JobState.PLANNED;
import static dev.carbonshift.job.JobState.QUEUED;
import static dev.carbonshift.job.JobState.RECURRING;
import static dev.carbonshift.job.JobState.RUNNING;
import static dev.carbonshift.job.JobState.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JobStateTest {

  /** The allowed moves, written out independently of {@link JobState#next()}. */
  private static final Set<List<JobState>> ALLOWED =
      Set.of(
          List.of(RECURRING, CANCELLED),
          List.of(QUEUED, PLANNED),
          List.of(QUEUED, FAILED),
          List.of(PLANNED, FAILED),
          List.of(QUEUED, CANCELLED),
          List.of(PLANNED, QUEUED),
          List.of(PLANNED, RUNNING),
          List.of(PLANNED, CANCELLED),
          List.of(RUNNING, QUEUED),
          List.of(RUNNING, PLANNED),
          List.of(RUNNING, SUCCEEDED),
          List.of(RUNNING, FAILED),
          List.of(RUNNING, CANCELLED));

  static Stream<Arguments> everyPair() {
    return Arrays.stream(JobState.values())
        .flatMap(
            from ->
                Arrays.stream(JobState.values())
                    .map(to -> Arguments.of(from, to, ALLOWED.contains(List.of(from, to)))));
  }

  @Test
  void the_table_covers_all_49_pairs_of_which_13_are_allowed() {
    assertThat(everyPair()).hasSize(49);
    assertThat(everyPair().filter(a -> (boolean) a.get()[2])).hasSize(13);
  }

  @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
  @MethodSource("everyPair")
  void only_the_allowed_moves_pass_and_refused_ones_name_both_states(
      JobState from, JobState to, boolean allowed) {
    assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    if (allowed) {
      assertThat(from.check(to)).isSameAs(to);
      assertThat(from.next()).contains(to);
    } else {
      assertThatThrownBy(() -> from.check(to))
          .isInstanceOfSatisfying(
              IllegalStateTransitionException.class,
              e -> {
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.to()).isEqualTo(to);
                assertThat(e.getMessage()).contains(from.name()).contains(to.name());
              });
    }
  }

  @Test
  void exactly_the_three_ends_are_final() {
    assertThat(Arrays.stream(JobState.values()).filter(JobState::isFinal))
        .containsExactlyInAnyOrder(SUCCEEDED, FAILED, CANCELLED);
  }

  @Test
  void a_refused_move_from_a_final_state_says_it_is_final() {
    assertThatThrownBy(() -> CANCELLED.check(QUEUED))
        .hasMessage("a CANCELLED job cannot become QUEUED (CANCELLED is final)");
  }
}
