package io.edvt.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.simulator.agents.GroupSlot;
import io.edvt.simulator.agents.Strategy;
import io.edvt.simulator.chain.ChainRun;
import io.edvt.simulator.chain.FullStackChain;
import io.edvt.simulator.chain.PhaseTimers;
import io.edvt.simulator.chain.Population;
import io.edvt.simulator.chain.SimGenesis;
import io.edvt.simulator.netmodel.Dist;
import io.edvt.simulator.netmodel.NetworkModel;
import io.edvt.simulator.scenario.Networks;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The message-level model of a group's slot, and its agreement with the full stack. */
class BlockProductionModelTest {
  /** A synchronous network: every proposal reaches every member well within its leader's turn. */
  static final NetworkModel SYNCHRONOUS = new NetworkModel(Dist.uniform(50, 300), Dist.fixed(0), 0,
      Dist.uniform(20, 400), Dist.uniform(50, 250), 4000);

  @Test
  void leaderPromotionWithNoFailuresHasEveryProposalAtRankZero() {
    SplittableRandom random = new SplittableRandom(3);
    for (int[] mn : List.of(new int[] {2, 3}, new int[] {3, 4}, new int[] {5, 7}, new int[] {11, 16}, new int[] {1, 2})) {
      int[] ranking = new int[mn[1]];
      for (int i = 0; i < ranking.length; i++) {
        ranking[i] = i; // members are symmetric: the identity ranking is as good as any
      }
      for (int run = 0; run < 500; run++) {
        GroupSlot.Outcome o = GroupSlot.play(Strategy.LEADER_PROMOTION, mn[0], ranking, Networks.turns(833), SYNCHRONOUS,
            GroupSlot.Failures.none(mn[1]), random);
        assertThat(o.produced()).isTrue();
        assertThat(o.leaderRank()).as("(%d, %d) run %d", mn[0], mn[1], run).isZero();
        assertThat(o.proposals()).isEqualTo(1);
        assertThat(o.signers().length).isGreaterThanOrEqualTo(mn[0]);
      }
    }
  }

  @Test
  void theModelsLeadersAndSignersMakeBlocksTheStateTransitionAcceptsAllLedByRankZero() {
    Population pop = new Population().groups("g-3-4", 12, 3, 4).groups("g-5-7", 12, 5, 7).groups("g-11-16", 6, 11, 16)
        .plain("plain", 300, 32).interleaved(11);
    SimGenesis.Start start = SimGenesis.build(pop, Map.of());
    FullStackChain chain = new FullStackChain(start, new PhaseTimers());
    ChainRun run = new ChainRun(chain, SYNCHRONOUS, Networks.turns(833), 9, (v, j, s) -> false, false);
    int[] groupBlocks = new int[1];
    run.run(2 * 32, List.of(new ChainRun.Observer() {
      @Override
      public void slot(ChainRun.SlotRecord r) {
        if (r.groupProposer()) {
          assertThat(r.produced()).as("slot %d", r.slot()).isTrue();
          assertThat(r.leaderRank()).as("slot %d", r.slot()).isZero();
          SignedBeaconBlock block = chain.block(chain.store().getHead());
          int[] ranking = chain.spec().accessors().getGroupMemberRanking(
              new MutableBeaconState(chain.store().block(block.message().parentRoot()).state()), r.proposer(),
              UInt64.valueOf(r.slot()));
          long leader = BeaconBlockBodyEdvt.toVersionEdvt(block.message().body()).orElseThrow().randaoMemberIndex().longValue();
          assertThat(leader).isEqualTo(ranking[0]);
          groupBlocks[0]++;
        }
      }
    }), null);
    // every block passed on_block (the real state transition, verify_block_signature's leader rule included)
    assertThat(groupBlocks[0]).isPositive();
  }
}
