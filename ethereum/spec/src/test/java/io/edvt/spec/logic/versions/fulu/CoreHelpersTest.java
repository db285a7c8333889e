package io.edvt.spec.logic.versions.fulu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfigLoader;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

class CoreHelpersTest {
  private static final SpecFulu SPEC = new SpecFulu(SpecConfigLoader.load("minimal"));
  private static final UInt64 ETH32 = UInt64.valueOf(32_000_000_000L);

  /** A minimal-preset Fulu state at {@code slot} with {@code n} active validators (validator 3 exited at epoch 1). */
  private static BeaconState stateWith(int n, long slot) {
    MutableBeaconState s = new MutableBeaconState(SPEC.schemas().beaconState().defaultValue());
    s.setSlot(UInt64.valueOf(slot));
    SszListEditor<Validator> validators = s.validators();
    for (int i = 0; i < n; i++) {
      byte[] pk = new byte[48];
      pk[0] = (byte) i;
      pk[1] = (byte) (i >> 8);
      UInt64 exit = i == 3 ? UInt64.ONE : SpecConstants.FAR_FUTURE_EPOCH;
      validators.append(Validator.create(Bytes48.wrap(pk), Bytes32.ZERO, ETH32, false, UInt64.ZERO, UInt64.ZERO, exit, SpecConstants.FAR_FUTURE_EPOCH));
      s.balances().append(ETH32);
      s.previousEpochParticipation().append(0);
      s.currentEpochParticipation().append(0);
      s.inactivityScores().append(UInt64.ZERO);
    }
    for (int e = 0; e < SPEC.config().epochsPerHistoricalVector(); e += 7) {
      s.randaoMixes().set(e, Bytes32.repeat((byte) e));
    }
    return s.commit();
  }

  @Test
  void workingCopyReadsItsWritesAndLeavesTheOriginalUntouched() {
    BeaconState origin = stateWith(16, 40);
    Bytes32 rootBefore = origin.hashTreeRoot();
    MutableBeaconState work = new MutableBeaconState(origin);
    SPEC.mutators().increaseBalance(work, 5, UInt64.valueOf(7));
    SPEC.mutators().decreaseBalance(work, 6, UInt64.MAX_VALUE);
    assertThat(work.balances().get(5)).isEqualTo(ETH32.plus(7));
    assertThat(work.balances().get(6)).isEqualTo(UInt64.ZERO);
    BeaconState next = work.commit();
    assertThat(origin.hashTreeRoot()).isEqualTo(rootBefore);
    assertThat(origin.balances().get(5)).isEqualTo(ETH32);
    assertThat(next.balances().get(5)).isEqualTo(ETH32.plus(7));
    assertThat(next.hashTreeRoot()).isEqualTo(SPEC.schemas().beaconState().deserialize(next.serialize()).hashTreeRoot());
  }

  @Test
  void activeIndicesExcludeExitedValidators() {
    MutableBeaconState s = new MutableBeaconState(stateWith(10, 16));
    int[] active = SPEC.accessors().getActiveValidatorIndices(s, UInt64.valueOf(2));
    assertThat(active).containsExactly(0, 1, 2, 4, 5, 6, 7, 8, 9);
    assertThat(SPEC.accessors().getActiveValidatorIndices(s, UInt64.ZERO)).hasSize(10);
  }

  @Test
  void committeesOfAnEpochPartitionTheActiveValidators() {
    MutableBeaconState s = new MutableBeaconState(stateWith(200, 24));
    UInt64 epoch = SPEC.accessors().getCurrentEpoch(s);
    int perSlot = SPEC.accessors().getCommitteeCountPerSlot(s, epoch);
    Set<Integer> seen = new HashSet<>();
    int total = 0;
    for (int slot = 24; slot < 32; slot++) {
      for (int c = 0; c < perSlot; c++) {
        int[] committee = SPEC.accessors().getBeaconCommittee(s, UInt64.valueOf(slot), c);
        total += committee.length;
        Arrays.stream(committee).forEach(seen::add);
      }
    }
    int[] active = SPEC.accessors().getActiveValidatorIndices(s, epoch);
    assertThat(total).isEqualTo(active.length);
    assertThat(seen).hasSize(active.length).doesNotContain(3);
  }

  @Test
  void cachedShufflingOfAParentServesItsChildButAChildsEntriesStayWithIt() {
    BeaconState parent = stateWith(64, 8);
    MutableBeaconState p = new MutableBeaconState(parent);
    int[] shuffling = SPEC.accessors().getShuffling(p, UInt64.ONE);
    BeaconState committed = p.commit();
    MutableBeaconState child = new MutableBeaconState(committed);
    assertThat(SPEC.accessors().getShuffling(child, UInt64.ONE)).isSameAs(shuffling);

    MutableBeaconState sibling = new MutableBeaconState(committed);
    int[] childOnly = SPEC.accessors().getShuffling(child, UInt64.valueOf(2));
    assertThat(SPEC.accessors().getShuffling(sibling, UInt64.valueOf(2))).isNotSameAs(childOnly).isEqualTo(childOnly);
  }

  @Test
  void totalActiveBalanceCountsEffectiveBalancesOfActiveValidators() {
    MutableBeaconState s = new MutableBeaconState(stateWith(10, 16));
    assertThat(SPEC.accessors().getTotalActiveBalance(s)).isEqualTo(ETH32.times(9));
  }

  @Test
  void proposerSampleIsAnActiveValidatorAndDeterministic() {
    MutableBeaconState s = new MutableBeaconState(stateWith(50, 16));
    int[] a = SPEC.accessors().getBeaconProposerIndices(s, UInt64.valueOf(2));
    int[] b = SPEC.accessors().getBeaconProposerIndices(s, UInt64.valueOf(2));
    assertThat(a).hasSize(SPEC.config().slotsPerEpoch()).isEqualTo(b);
    assertThat(a).doesNotContain(3);
    assertThat(Arrays.stream(a).allMatch(i -> i >= 0 && i < 50)).isTrue();
  }

  @Test
  void exitChurnPushesLaterExitsIntoLaterEpochs() {
    MutableBeaconState s = new MutableBeaconState(stateWith(64, 16));
    UInt64 churn = SPEC.accessors().getActivationExitChurnLimit(s);
    UInt64 first = SPEC.mutators().computeExitEpochAndUpdateChurn(s, churn);
    UInt64 second = SPEC.mutators().computeExitEpochAndUpdateChurn(s, UInt64.ONE);
    assertThat(first).isEqualTo(SPEC.misc().computeActivationExitEpoch(UInt64.valueOf(2)));
    assertThat(second).isEqualTo(first.plus(1));
  }

  @Test
  void blockRootAccessRejectsSlotsOutsideTheHistoryWindow() {
    MutableBeaconState s = new MutableBeaconState(stateWith(4, 40));
    assertThatThrownBy(() -> SPEC.accessors().getBlockRootAtSlot(s, UInt64.valueOf(40)))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("slot < state.slot");
  }

  @Test
  void integerSquareRootIsExactAtTheEdges() {
    assertThat(MiscHelpersFulu.integerSquareRoot(UInt64.valueOf(99))).isEqualTo(UInt64.valueOf(9));
    assertThat(MiscHelpersFulu.integerSquareRoot(UInt64.valueOf(100))).isEqualTo(UInt64.valueOf(10));
    assertThat(MiscHelpersFulu.integerSquareRoot(UInt64.MAX_VALUE)).isEqualTo(UInt64.valueOf(4294967295L));
    assertThat(MiscHelpersFulu.integerSquareRoot(UInt64.valueOf(Long.MAX_VALUE))).isEqualTo(UInt64.valueOf(3037000499L));
  }
}
