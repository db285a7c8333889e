package io.edvt.spec.edvt.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.blocks.SignedBeaconBlockEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.Vote;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EdvtChainBuilderTest {
  private static final SpecConfig MINIMAL = EdvtConfig.load("minimal");
  private static final EdvtFixtures FIXTURES = new EdvtFixtures(new SpecFulu(MINIMAL), new SpecEdvt(MINIMAL));
  private static final int GROUPS = 8;

  /** Validators 0..7 in 3-of-4 groups: 36% of the stake, so finality needs them. */
  private static EdvtChainBuilder chain() {
    List<GroupSpec> groups = new ArrayList<>();
    for (int v = 0; v < GROUPS; v++) {
      groups.add(new GroupSpec(v, 3, 4));
    }
    return EdvtChainBuilder.withGroups(FIXTURES, 3L * MINIMAL.slotsPerEpoch(), groups);
  }

  @Test
  void finalizesWhenGroupsAttestAtThresholdAndGroupProposersSignWithMMembers() {
    EdvtChainBuilder chain = chain();
    chain.addBlocksUpTo(UInt64.valueOf(5L * MINIMAL.slotsPerEpoch() + 1));
    assertThat(chain.headState().finalizedCheckpoint().epoch().longValue()).isGreaterThanOrEqualTo(3);
    long groupBlocks = chain.blocks().stream()
        .filter(b -> b.message().proposerIndex().intValue() < GROUPS)
        .peek(b -> assertThat(SignedBeaconBlockEdvt.toVersionEdvt(b).orElseThrow().signerBits().count()).isEqualTo(3))
        .count();
    assertThat(groupBlocks).isPositive();
  }

  @Test
  void doesNotJustifyWhenGroupsAttestWithFewerThanMMembers() {
    EdvtChainBuilder chain = chain();
    chain.votes((v, member, slot) -> v < GROUPS && member >= 2 ? Vote.ABSENT : Vote.HEAD);
    chain.addBlocksUpTo(UInt64.valueOf(5L * MINIMAL.slotsPerEpoch() + 1));
    assertThat(chain.headState().finalizedCheckpoint().epoch().longValue()).isZero();
    assertThat(chain.headState().currentJustifiedCheckpoint().epoch().longValue()).isLessThanOrEqualTo(1);
  }

  @Test
  void rejectsAGroupBlockSignedByFewerThanMMembers() {
    EdvtChainBuilder chain = chain();
    UInt64 slot = UInt64.valueOf(3L * MINIMAL.slotsPerEpoch() + 1);
    while (chain.proposerOf(slot) >= GROUPS) {
      chain.addBlock(slot, BlockOptions.none());
      slot = slot.plus(1);
    }
    SignedBeaconBlock bad = chain.produceBlock(slot, BlockOptions.none(), EdvtBlockOptions.none().signers(0, 1));
    assertThatThrownBy(() -> chain.applyBlock(bad)).isInstanceOf(StateTransitionException.class);
  }

  @Test
  void groupsSplitOnTheHeadStillEarnTargetButNotHeadFlags() {
    EdvtChainBuilder chain = chain();
    chain.votes((v, member, slot) -> v < GROUPS && member >= 2 ? Vote.OTHER_HEAD : Vote.HEAD);
    chain.addBlocksUpTo(UInt64.valueOf(4L * MINIMAL.slotsPerEpoch() + 1));
    int flags = chain.headState().previousEpochParticipation().get(0);
    assertThat(flags & 0b010).as("target flag (4 of 4 members on the target)").isNotZero();
    assertThat(flags & 0b100).as("head flag (2 of 4 members on the head, m = 3)").isZero();
    assertThat(chain.headState().previousEpochParticipation().get(GROUPS) & 0b100).as("a plain validator's head flag")
        .isNotZero();
  }

  @Test
  void aBlockWhoseSignersSignedAnotherMessageIsRejectedAndCanStillBeBuiltOn() {
    EdvtChainBuilder chain = chain();
    UInt64 slot = UInt64.valueOf(3L * MINIMAL.slotsPerEpoch() + 1);
    SignedBeaconBlock bad = chain.produceBlock(slot, BlockOptions.none(), EdvtBlockOptions.none().signatureOverWrongRoot());
    EdvtChainBuilder other = chain();
    assertThatThrownBy(() -> other.applyBlock(bad)).isInstanceOf(StateTransitionException.class);
    chain.applyBlockWithoutSignatureChecks(bad);
    chain.addBlock();
    assertThat(chain.blocks()).hasSize(2);
  }
}
