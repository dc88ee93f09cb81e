package dev.carbonshift.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The monitor compares the two variants only on review days, on the same hours: a window's worth of
 * new days since the last review, forecast by the other variant in one pass.
 */
class MonitorTest {
  private static final Policy POLICY = PolicyParser.bundled();
  private static final int WINDOW = POLICY.window();

  private final Random rnd = new Random(7);
  private final List<double[]> actuals = new ArrayList<>();

  /** A day of 24 hours: the truth, the serving forecast 10 off, the naive one 12 off. */
  private void day(Monitor m) {
    double[] act = new double[24];
    double[] pred = new double[24];
    double[] naive = new double[24];
    for (int h = 0; h < 24; h++) {
      act[h] = 200 + 50 * Math.sin(h / 24.0 * 2 * Math.PI) + rnd.nextGaussian();
      pred[h] = act[h] + (h % 2 == 0 ? 10 : -10);
      naive[h] = act[h] + 12;
    }
    actuals.add(act);
    m.observe(pred, act, naive, act);
  }

  private Signals signals(Monitor m) {
    return m.signals("es", Signals.HEAVY, 0, 0, 100, 80, 1);
  }

  /** The other variant's forecasts of the window's hours: each {@code off} above the truth. */
  private double[] other(Monitor m, double off) {
    int hours = m.windowSamples();
    double[] o = new double[hours];
    int at = 0;
    for (double[] a : actuals.subList(actuals.size() - WINDOW, actuals.size())) {
      for (double v : a) {
        o[at++] = v + off;
      }
    }
    assertThat(at).isEqualTo(hours);
    return o;
  }

  @Test
  void a_review_falls_due_when_the_window_is_full_and_then_once_per_window() {
    assertThat(WINDOW).isGreaterThan(1);
    Monitor m = new Monitor(POLICY);
    m.serving(10, new double[] {1, 2, 3});
    List<Integer> due = new ArrayList<>();
    for (int d = 1; d <= 3 * WINDOW; d++) {
      day(m);
      if (m.shadowDue()) {
        due.add(d);
        m.shadow(other(m, 11));
      }
    }
    assertThat(due).containsExactly(WINDOW, 2 * WINDOW, 3 * WINDOW);
  }

  @Test
  void the_variants_are_compared_on_the_review_day_on_the_same_hours_and_not_after() {
    Monitor m = new Monitor(POLICY);
    m.serving(10, new double[] {1, 2, 3});
    for (int d = 0; d < WINDOW; d++) {
      day(m);
    }
    assertThat(signals(m).otherMae()).isNaN();
    assertThat(m.shadowDue()).isTrue();

    m.shadow(other(m, 10.1));

    Signals review = signals(m);
    assertThat(review.mae()).isCloseTo(10, within(1e-9));
    assertThat(review.otherMae()).isCloseTo(10.1, within(1e-9));
    assertThat(review.lightGap()).isCloseTo(0.01, within(1e-9));
    assertThat(TacticChooser.choose(review, List.of(), POLICY, Knowledge.inMemory()).tactic())
        .isEqualTo(Tactic.SWITCH_LIGHT);

    day(m);
    Signals next = signals(m);
    assertThat(next.otherMae()).isNaN();
    assertThat(next.lightGap()).isNaN();
    assertThat(TacticChooser.choose(next, List.of(), POLICY, Knowledge.inMemory()).tactic())
        .isNotEqualTo(Tactic.SWITCH_LIGHT);
    assertThat(m.shadowDue()).isFalse();
  }

  @Test
  void a_new_serving_version_starts_a_new_window_before_its_first_review() {
    Monitor m = new Monitor(POLICY);
    m.serving(10, new double[] {1, 2, 3});
    for (int d = 0; d < WINDOW; d++) {
      day(m);
    }
    assertThat(m.shadowDue()).isTrue();
    m.serving(9, new double[] {1, 2, 3});
    day(m);
    assertThat(m.shadowDue()).isFalse();
    assertThat(m.windowSamples()).isEqualTo(24);
  }

  @Test
  void a_shadow_forecast_that_does_not_cover_the_window_is_refused() {
    Monitor m = new Monitor(POLICY);
    m.serving(10, new double[] {1, 2, 3});
    for (int d = 0; d < WINDOW; d++) {
      day(m);
    }
    assertThatThrownBy(() -> m.shadow(new double[24]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("24 hours")
        .hasMessageContaining(String.valueOf(24 * WINDOW));
  }
}
