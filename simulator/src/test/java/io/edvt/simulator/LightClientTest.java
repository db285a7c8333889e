package io.edvt.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edvt.simulator.scenario.LightClient;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class LightClientTest {

  /** The tail summed term by term in exact arithmetic. */
  private static double exactTail(int seats, BigDecimal a, int k) {
    MathContext mc = new MathContext(60);
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal b = BigDecimal.ONE.subtract(a);
    for (int i = k; i <= seats; i++) {
      BigInteger choose = BigInteger.ONE;
      for (int j = 1; j <= i; j++) {
        choose = choose.multiply(BigInteger.valueOf(seats - i + j)).divide(BigInteger.valueOf(j));
      }
      sum = sum.add(new BigDecimal(choose).multiply(a.pow(i, mc), mc).multiply(b.pow(seats - i, mc), mc), mc);
    }
    return sum.doubleValue();
  }

  @Test
  void theLightClientTailMatchesTheExactBinomialComputation() {
    for (String a : new String[] {"0.2", "0.25", "0.3", "0.3333333333333333"}) {
      double exact = exactTail(512, new BigDecimal(a), 342);
      assertThat(LightClient.binomialTail(512, Double.parseDouble(a), 342)).as("a = %s", a)
          .isCloseTo(exact, within(exact * 1e-9));
    }
  }

  @Test
  void theTailsAgreeWithSyncCommitteeTailPy() {
    // python3 eip-draft/scripts/sync_committee_tail.py (rationale.md, "Sync committee seats")
    assertThat(LightClient.binomialTail(512, 0.2, 342)).isCloseTo(2.8e-116, within(0.05e-116));
    assertThat(LightClient.binomialTail(512, 1.0 / 3, 342)).isCloseTo(8.3e-54, within(0.05e-54));
    assertThat(LightClient.blocksTail(0.2, 0.2, 4)).isCloseTo(2.8e-41, within(0.05e-41));
    assertThat(LightClient.blocksTail(0.25, 1, 16)).isCloseTo(2.4e-07, within(0.05e-07));
    assertThat(LightClient.blocksTail(1.0 / 3, 1, 16)).isCloseTo(4.5e-05, within(0.05e-05));
    assertThat(LightClient.blocksTail(1.0 / 3, 1.0 / 3, 7)).isCloseTo(5.9e-14, within(0.05e-14));
  }

  @Test
  void theRealSelectionCodeSeatsTheAdversaryAsTheBinomialSays() {
    int[] counts = LightClient.simulate(0.25, 16, 512, 60, 5, null);
    double mean = 0;
    for (int c : counts) {
      mean += c;
    }
    mean /= counts.length;
    // Binomial(512, 0.25): mean 128, sd 9.8; the mean of 60 periods has sd 1.3
    assertThat(mean).isCloseTo(128, within(5.0));
  }
}
