package io.edvt.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.simulator.chain.FullStackChain;
import io.edvt.simulator.chain.PhaseTimers;
import io.edvt.simulator.chain.Population;
import io.edvt.simulator.chain.SimGenesis;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/** The grinding model's premises, checked on the full stack. */
class RandaoModelTest {

  @Test
  void aPromotedLeadersBlockLeavesTheMixUnchangedAndRankZerosChangesIt() {
    Population pop = new Population().groups("g-3-4", 200, 3, 4).plain("plain", 50, 32);
    SimGenesis.Start start = SimGenesis.build(pop, Map.of());
    FullStackChain chain = new FullStackChain(start, new PhaseTimers());
    int checked = 0;
    for (long slot = 1; slot <= 32 && checked < 4; slot++) {
      Bytes32 head = chain.beginSlot(slot);
      int proposer = chain.proposerOf(slot, head);
      if (start.groupOf(proposer) < 0) {
        SignedBeaconBlock b = chain.produceBlock(slot, head, 0, new int[] {0}, (v, j, s) -> true, List.of());
        chain.deliverBlock(b, 0);
        continue;
      }
      MutableBeaconState pre = new MutableBeaconState(chain.store().block(head).state());
      chain.spec().stateTransition().processSlots(pre, UInt64.valueOf(slot));
      int[] ranking = chain.spec().accessors().getGroupMemberRanking(pre, proposer, UInt64.valueOf(slot));
      Bytes32 before = chain.spec().accessors().getRandaoMix(pre, chain.spec().accessors().getCurrentEpoch(pre));
      boolean promoted = checked % 2 == 0;
      int leader = promoted ? ranking[1] : ranking[0];
      int[] signers = promoted ? Arrays.copyOfRange(ranking, 1, 4) : Arrays.copyOfRange(ranking, 0, 3);
      SignedBeaconBlock block = chain.produceBlock(slot, head, leader, signers, (v, j, s) -> true, List.of());
      chain.deliverBlock(block, 0);
      MutableBeaconState post = new MutableBeaconState(chain.store().block(block.message().hashTreeRoot()).state());
      Bytes32 after = chain.spec().accessors().getRandaoMix(post, chain.spec().accessors().getCurrentEpoch(post));
      if (promoted) {
        assertThat(after).as("slot %d led by rank 1", slot).isEqualTo(before);
      } else {
        assertThat(after).as("slot %d led by rank 0", slot).isNotEqualTo(before);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(4);
  }

  @Test
  void theRealProposerSelectionGivesEachSlotToTheAdversaryWithItsStakeShare() {
    // adversary: 40 groups of 16 (20480 ETH) among 1920 plain validators (61440 ETH): a = 0.25
    Population pop = new Population().groups("adversary", 40, 16, 16).plain("honest", 1920, 32);
    SimGenesis.Start start = SimGenesis.build(pop, Map.of());
    SplittableRandom random = new SplittableRandom(8);
    int adversarial = 0;
    int total = 0;
    for (int trial = 0; trial < 40; trial++) {
      MutableBeaconState state = new MutableBeaconState(start.state());
      int epochs = start.spec().config().epochsPerHistoricalVector();
      for (int i = 0; i < 4; i++) {
        byte[] mix = new byte[32];
        for (int b = 0; b < 32; b++) {
          mix[b] = (byte) random.nextInt();
        }
        state.randaoMixes().set(Math.floorMod(-i - 1, epochs), Bytes32.wrap(mix));
        state.randaoMixes().set(i, Bytes32.wrap(mix));
      }
      var lookahead = start.spec().forkUpgrade().initializeProposerLookahead(state);
      for (int i = 0; i < lookahead.size(); i++) {
        total++;
        adversarial += start.groupOf(lookahead.get(i).intValue()) >= 0 ? 1 : 0;
      }
    }
    // 2560 slots, binomial sd 0.0086
    assertThat((double) adversarial / total).isCloseTo(0.25, within(0.035));
  }
}
