package io.edvt.simulator;

import static io.edvt.spec.logic.common.SpecConstants.TIMELY_HEAD_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_SOURCE_FLAG_INDEX;
import static io.edvt.spec.logic.common.SpecConstants.TIMELY_TARGET_FLAG_INDEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.rewards.AttestationRewards;
import io.edvt.rewards.AttestationRewardsCalculator;
import io.edvt.rewards.AttestationRewardsReport;
import io.edvt.simulator.chain.ChainRun;
import io.edvt.simulator.chain.EpochRewards;
import io.edvt.simulator.chain.FullStackChain;
import io.edvt.simulator.chain.PhaseTimers;
import io.edvt.simulator.chain.Population;
import io.edvt.simulator.chain.SimGenesis;
import io.edvt.simulator.scenario.LateBlockRewards;
import io.edvt.simulator.scenario.Networks;
import io.edvt.simulator.scenario.Params;
import io.edvt.spec.datastructures.state.BeaconState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The full-stack chain's rewards against what the spec says they must be. */
class FullStackRewardsTest {

  @Test
  void aScenarioWithNoLateBlocksGivesGroupsTheSameRewardAsPlainValidatorsOfTheSameBalance() {
    List<int[]> pairs = List.of(new int[] {2, 3}, new int[] {3, 4}, new int[] {5, 7}, new int[] {11, 16});
    Population pop = new Population().plain("plain-32", 700, 32);
    for (int[] mn : pairs) {
      pop.groups("group-" + mn[0] + "-" + mn[1], 8, mn[0], mn[1]).plain("plain-" + 32 * mn[1], 8, 32 * mn[1]);
    }
    pop.interleaved(3);
    LateBlockRewards.Result r = LateBlockRewards.simulate(pop, pairs, Networks.of(Params.load(null), 1), 833, 4, 1, true,
        (v, j, s) -> false, null);
    assertThat(r.lateSlots()).isZero();
    assertThat(r.missedGroupSlots()).isZero();
    for (int[] mn : pairs) {
      var group = r.classes().get("group-" + mn[0] + "-" + mn[1]);
      var plain = r.classes().get("plain-" + 32 * mn[1]);
      assertThat(group).isNotNull();
      for (int f = 0; f < 3; f++) {
        assertThat(group.perEpoch(f)).as("(%d, %d) flag %d", mn[0], mn[1], f).isEqualTo(plain.perEpoch(f));
        assertThat(group.perEpoch(f)).isPositive();
      }
    }
  }

  @Test
  void aGroupWithAllMembersOfflineEarnsNothingAndPaysTheInactivityPenaltyTheSpecComputes() {
    // 40% of the stake offline (the group among it): no finality, so the inactivity leak starts
    Population pop = new Population().groups("offline-group", 1, 3, 4).plain("offline", 160, 32).plain("online", 256, 32);
    SimGenesis.Start start = SimGenesis.build(pop, Map.of());
    FullStackChain chain = new FullStackChain(start, new PhaseTimers());
    ChainRun.Offline offline = (v, j, s) -> v <= 160;
    ChainRun run = new ChainRun(chain, Networks.of(Params.load(null), 1), Networks.turns(833), 1, offline, true);
    List<EpochRewards> seen = new ArrayList<>();
    List<BeaconState> states = new ArrayList<>();
    run.run(9 * 32, List.of(new ChainRun.Observer() {
      @Override
      public void rewards(long epoch, EpochRewards rewards) {
        seen.add(rewards);
        states.add(chain.store().block(chain.headAtSlotStart()).state());
      }
    }), null);
    int group = 0;
    assertThat(start.groups().get(0).validator()).isEqualTo(group);
    EpochRewards last = seen.get(seen.size() - 1);
    long eb = last.effectiveBalance(group);
    assertThat(last.flag(group, TIMELY_SOURCE_FLAG_INDEX)).isEqualTo(-last.penalty(TIMELY_SOURCE_FLAG_INDEX, eb));
    assertThat(last.flag(group, TIMELY_TARGET_FLAG_INDEX)).isEqualTo(-last.penalty(TIMELY_TARGET_FLAG_INDEX, eb));
    assertThat(last.flag(group, TIMELY_HEAD_FLAG_INDEX)).isZero();
    assertThat(last.inactivity(group)).as("in the leak an absent group pays the inactivity penalty").isNegative();
    // the same numbers from the rewards module (the Beacon API's report), which runs Fulu's own functions
    AttestationRewardsReport report = new AttestationRewardsCalculator(start.spec()).compute(states.get(states.size() - 1));
    AttestationRewards r = report.totalFor(UInt64.valueOf(group)).orElseThrow();
    assertThat(r.source()).isEqualTo(last.flag(group, TIMELY_SOURCE_FLAG_INDEX));
    assertThat(r.target()).isEqualTo(last.flag(group, TIMELY_TARGET_FLAG_INDEX));
    assertThat(r.head()).isZero();
    assertThat(r.inactivity()).isEqualTo(last.inactivity(group));
    // and the group never proposed a block: every slot it was chosen for stayed empty
    assertThat(chain.store().finalizedCheckpoint().epoch().longValue()).isZero();
  }
}
