package dev.carbonshift.daemon.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuardTest {
  private final List<String> failed = new ArrayList<>();
  private final Guard guard = new Guard(failed::add);

  @Test
  void a_task_that_throws_is_counted_by_name_and_the_next_run_still_happens() {
    List<Integer> ran = new ArrayList<>();
    Triggers.Task poison =
        d -> {
          ran.add(ran.size());
          if (ran.size() == 1) {
            throw new IllegalStateException("poison job");
          }
        };

    boolean first = guard.run("plan", poison, Map.of());
    boolean second = guard.run("plan", poison, Map.of());

    assertThat(first).isFalse();
    assertThat(second).isTrue();
    assertThat(ran).hasSize(2);
    assertThat(failed).containsExactly("plan");
  }

  @Test
  void a_checked_exception_or_a_linkage_error_is_survived_too() {
    assertThat(
            guard.run(
                "refresh",
                d -> {
                  throw new java.io.IOException("API down");
                },
                Map.of()))
        .isFalse();
    assertThat(
            guard.run(
                "jobs-folder",
                d -> {
                  throw new NoClassDefFoundError("gone");
                },
                Map.of()))
        .isFalse();
    assertThat(failed).containsExactly("refresh", "jobs-folder");
  }

  @Test
  void the_jvm_running_out_of_memory_is_not_swallowed() {
    assertThatThrownBy(
            () ->
                guard.run(
                    "plan",
                    d -> {
                      throw new OutOfMemoryError("heap");
                    },
                    Map.of()))
        .isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void a_failing_counter_does_not_turn_a_task_failure_into_a_loop_failure() {
    Guard g =
        new Guard(
            name -> {
              throw new IllegalStateException("metrics down");
            });
    assertThat(
            g.run(
                "plan",
                d -> {
                  throw new IllegalStateException("boom");
                },
                Map.of()))
        .isFalse();
  }
}
