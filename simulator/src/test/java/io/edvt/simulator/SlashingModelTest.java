package io.edvt.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.simulator.chain.ChainRun;
import io.edvt.simulator.chain.FullStackChain;
import io.edvt.simulator.chain.PhaseTimers;
import io.edvt.simulator.chain.Population;
import io.edvt.simulator.chain.SimGenesis;
import io.edvt.simulator.netmodel.NetworkModel;
import io.edvt.simulator.scenario.Networks;
import io.edvt.simulator.scenario.Params;
import io.edvt.simulator.scenario.Slashing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The slashing model's per-duty split probability against the full stack: the group double votes
 * counted in a full-stack chain equal the model's expectation for the same slots.
 */
class SlashingModelTest {

  @Test
  void doubleVotesCountedInTheFullStackMatchTheModelsExpectation() {
    // many late proposers, so that views diverge often enough to count
    NetworkModel net = Networks.of(Params.load(null), 1).withSlowProbability(0.4);
    Population pop = new Population().groups("g-1-2", 120, 1, 2).groups("g-2-4", 60, 2, 4).plain("plain", 200, 32)
        .interleaved(5);
    SimGenesis.Start start = SimGenesis.build(pop, Map.of());
    FullStackChain chain = new FullStackChain(start, new PhaseTimers());
    ChainRun run = new ChainRun(chain, net, Networks.turns(833), 21, (v, j, s) -> false, false);
    double[] expected = new double[1];
    int[] observed = new int[1];
    run.run(4 * 32, List.of(new ChainRun.Observer() {
      @Override
      public void slot(ChainRun.SlotRecord r) {
        double q = r.produced() ? Slashing.inTimeShare(net, r.publishMs()) : 0;
        for (Map.Entry<Integer, int[]> e : r.groupVotes().entrySet()) {
          SimGenesis.GroupInfo g = start.groups().get(start.groupOf(e.getKey()));
          int[] votes = e.getValue();
          observed[0] += votes[0] >= g.m() && votes[1] >= g.m() ? 1 : 0;
          expected[0] += Slashing.splitProbability(g.m(), g.n(), q);
        }
      }
    }), null);
    assertThat(expected[0]).as("enough diverging duties to compare").isGreaterThan(10);
    assertThat((double) observed[0]).isCloseTo(expected[0],
        org.assertj.core.api.Assertions.within(4 * Math.sqrt(expected[0]) + 2));
  }

  @Test
  void groupsWithAMajorityThresholdNeverSplitIntoTwoSlashableSets() {
    for (int n = 1; n <= 16; n++) {
      for (int m = n / 2 + 1; m <= n; m++) {
        assertThat(Slashing.splitProbability(m, n, 0.5)).isZero();
      }
    }
  }
}
