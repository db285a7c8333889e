package io.edvt.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.rewards.GroupBlockRewardsCalculator.GroupAttestationOutcome;
import io.edvt.rewards.GroupBlockRewardsCalculator.GroupBlockRewards;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtBlockOptions;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.Vote;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.testing.BlockOptions;
import io.edvt.spec.testing.ChainBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The group view of EDVT blocks on a real group chain: groups of 3 of 4, where group 0 votes with
 * two members only (one short of its threshold), group 1 votes for another head with every
 * member (source and target, no head), and the others vote for the head with every member.
 */
class GroupBlockRewardsCalculatorTest {
  private static final SpecConfig MINIMAL = EdvtConfig.load("minimal");
  private static final SpecVersions VERSIONS = new SpecVersions(MINIMAL);
  private static final EdvtFixtures FIXTURES = new EdvtFixtures(new SpecFulu(MINIMAL), new SpecEdvt(MINIMAL));
  private static final int GROUPS = 8;

  @Test
  void reportsEachGroupsMembersAgainstItsThreshold() {
    List<GroupSpec> groups = new ArrayList<>();
    for (int v = 0; v < GROUPS; v++) {
      groups.add(new GroupSpec(v, 3, 4));
    }
    int slotsPerEpoch = MINIMAL.slotsPerEpoch();
    EdvtChainBuilder chain = EdvtChainBuilder.withGroups(FIXTURES, 3L * slotsPerEpoch, groups);
    chain.votes((validator, member, slot) -> switch (validator) {
      case 0 -> member < 2 ? Vote.HEAD : Vote.ABSENT;
      case 1 -> Vote.OTHER_HEAD;
      default -> Vote.HEAD;
    });
    GroupBlockRewardsCalculator groupCalculator = new GroupBlockRewardsCalculator(VERSIONS);
    Map<Long, GroupParticipationReport> seen = new HashMap<>();
    for (long s = 3L * slotsPerEpoch + 1; s < 5L * slotsPerEpoch; s++) {
      BeaconState pre = chain.headState();
      SignedBeaconBlock block = chain.produceBlock(UInt64.valueOf(s), BlockOptions.none(), EdvtBlockOptions.none());
      GroupBlockRewards report = groupCalculator.compute(pre, block.message()).orElseThrow();
      for (GroupAttestationOutcome o : report.attestations()) {
        if (o.targetEpoch().equals(UInt64.valueOf(3))) {
          seen.put(o.participation().validatorIndex().longValue(), o.participation());
        }
      }
      chain.applyBlock(block);
    }

    GroupParticipationReport shortOfThreshold = seen.get(0L);
    assertThat(shortOfThreshold.flags()).allSatisfy(f -> {
      assertThat(f.members()).containsExactly(0, 1);
      assertThat(f.reached()).isFalse();
      assertThat(f.margin()).isEqualTo(-1);
    });
    GroupParticipationReport otherHead = seen.get(1L);
    assertThat(otherHead.flag(0).reached()).isTrue();
    assertThat(otherHead.flag(1).reached()).isTrue();
    assertThat(otherHead.flag(2).reached()).isFalse();
    assertThat(otherHead.flag(2).margin()).isEqualTo(-3);
    for (long v = 2; v < GROUPS; v++) {
      assertThat(seen.get(v).validatorFlags()).as("group %d", v).isEqualTo(0b111);
      assertThat(seen.get(v).flag(2).margin()).isEqualTo(1);
    }
  }

  @Test
  void aFuluBlockHasNoGroupView() {
    ChainBuilder chain = ChainBuilder.interop(TestChains.SPEC, TestChains.VALIDATORS);
    SignedBeaconBlock block = chain.produceBlock(UInt64.ONE, BlockOptions.none());
    assertThat(new GroupBlockRewardsCalculator(TestChains.VERSIONS).compute(chain.headState(), block.message())).isEmpty();
  }
}
