package dev.carbonshift.adapt.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistributionsTest {
  private static double[] normal(long seed, int n, double mean, double sd) {
    Random r = new Random(seed);
    double[] xs = new double[n];
    for (int i = 0; i < n; i++) {
      xs[i] = mean + sd * r.nextGaussian();
    }
    return xs;
  }

  @Test
  void psi_is_small_for_the_same_distribution_and_large_for_a_shifted_one() {
    double[] ref = normal(1, 2000, 200, 50);
    assertThat(Distributions.psi(ref, normal(2, 500, 200, 50)))
        .isLessThan(Distributions.PSI_THRESHOLD);
    assertThat(Distributions.psi(ref, normal(3, 500, 260, 50))).isGreaterThan(0.25);
  }

  @Test
  void ks_rejects_a_shift_and_keeps_the_same_distribution() {
    double[] a = normal(1, 800, 0, 1);
    double[] same = normal(2, 800, 0, 1);
    double[] shifted = normal(3, 800, 0.3, 1);
    assertThat(Distributions.ksPValue(Distributions.ks(a, same), 800, 800))
        .isGreaterThan(Distributions.KS_P_VALUE);
    assertThat(Distributions.ksPValue(Distributions.ks(a, shifted), 800, 800))
        .isLessThan(Distributions.KS_P_VALUE);
  }

  @Test
  void kl_of_prediction_histograms_grows_with_the_shift() {
    double[] ref = normal(1, 1000, 0, 1);
    double near = Distributions.kl(ref, normal(2, 200, 0, 1), Distributions.KL_BINS);
    double far = Distributions.kl(ref, normal(3, 200, 2, 1), Distributions.KL_BINS);
    assertThat(near).isLessThan(0.6);
    assertThat(far).isGreaterThan(1.6);
  }
}
