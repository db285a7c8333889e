package io.edvt.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.rewards.BlockRewardsCalculator.BlockRewards;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.execution.Withdrawal;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.MultiForkStateTransition;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtBlockOptions;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The block rewards report of an EDVT block proposed by a group (threshold-signed, with group
 * attestations and the seat-block sync rule): it accounts for every balance change of the real
 * EDVT transition, which a report built on Fulu's block processing could not.
 */
class EdvtBlockRewardsTest {
  private static final SpecConfig MINIMAL = EdvtConfig.load("minimal");
  private static final SpecVersions VERSIONS = new SpecVersions(MINIMAL);
  private static final EdvtFixtures FIXTURES = new EdvtFixtures(new SpecFulu(MINIMAL), new SpecEdvt(MINIMAL));
  private static final int GROUPS = 8;

  @Test
  void theReportOfAGroupProposedBlockAccountsForEveryBalanceChange() {
    List<GroupSpec> groups = new ArrayList<>();
    for (int v = 0; v < GROUPS; v++) {
      groups.add(new GroupSpec(v, 3, 4));
    }
    int slotsPerEpoch = MINIMAL.slotsPerEpoch();
    EdvtChainBuilder chain = EdvtChainBuilder.withGroups(FIXTURES, 3L * slotsPerEpoch, groups);
    chain.addBlocksUpTo(UInt64.valueOf(3L * slotsPerEpoch + 2));
    UInt64 slot = UInt64.valueOf(3L * slotsPerEpoch + 3);
    while (chain.proposerOf(slot) >= GROUPS) {
      chain.addBlock(slot, BlockOptions.none());
      slot = slot.plus(1);
    }
    BeaconState pre = chain.headState();
    SignedBeaconBlock block = chain.produceBlock(slot, BlockOptions.none(), EdvtBlockOptions.none());
    assertThat(SignedBeaconBlockEdvt.toVersionEdvt(block).orElseThrow().signerBits().count()).isEqualTo(3);

    BlockRewards rewards = new BlockRewardsCalculator(VERSIONS).compute(pre, block.message());
    chain.applyBlock(block);

    assertThat(rewards.block().attestations()).as("group attestations pay the proposer").isGreaterThan(UInt64.ZERO);
    assertThat(rewards.block().syncAggregate()).isEqualTo(rewards.syncCommittee().proposerReward());
    assertThat(rewards.syncCommittee().rewards()).isNotEmpty();
    List<Long> expected = balancesAtSlot(pre, slot);
    for (Withdrawal w : block.message().body().executionPayload().withdrawals()) {
      int i = w.validatorIndex().intValue();
      expected.set(i, expected.get(i) - w.amount().longValue());
    }
    int proposer = block.message().proposerIndex().intValue();
    expected.set(proposer, expected.get(proposer) + rewards.block().total().longValue());
    for (SyncCommitteeReward r : rewards.syncCommittee().rewards()) {
      int i = r.validatorIndex().intValue();
      expected.set(i, expected.get(i) + r.reward());
    }
    List<Long> actual = new ArrayList<>();
    chain.headState().balances().forEach(b -> actual.add(b.longValue()));
    assertThat(actual).isEqualTo(expected);
  }

  private static List<Long> balancesAtSlot(BeaconState pre, UInt64 slot) {
    BeaconState atSlot = new MultiForkStateTransition(VERSIONS).processSlots(pre, slot, SignatureVerifier.NONE);
    List<Long> out = new ArrayList<>();
    atSlot.balances().forEach(b -> out.add(b.longValue()));
    return out;
  }
}
