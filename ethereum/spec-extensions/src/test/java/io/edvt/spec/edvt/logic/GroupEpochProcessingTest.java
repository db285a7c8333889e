package io.edvt.spec.edvt.logic;

import static io.edvt.spec.edvt.logic.GroupFixture.CONFIG;
import static io.edvt.spec.edvt.logic.GroupFixture.EDVT;
import static io.edvt.spec.edvt.logic.GroupFixture.FULU;
import static io.edvt.spec.edvt.logic.GroupFixture.keySet;
import static io.edvt.spec.edvt.logic.GroupFixture.memberKey;
import static io.edvt.spec.edvt.logic.GroupFixture.memberKeys;
import static io.edvt.spec.edvt.logic.GroupFixture.operations;
import static io.edvt.spec.edvt.logic.GroupFixture.setEffectiveBalance;
import static io.edvt.spec.edvt.logic.GroupFixture.setEpoch;
import static io.edvt.spec.edvt.logic.GroupFixture.state;
import static io.edvt.spec.logic.common.SpecConstants.FAR_FUTURE_EPOCH;
import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.PendingDeposit;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** EDVT's epoch steps: key set pruning, member participation, ejection, deposits; the partial withdrawal floor. */
class GroupEpochProcessingTest {
  private static final long DELAY = CONFIG.minValidatorWithdrawabilityDelay();

  @Test
  void pruningDropsTheOwnKeySetOnlyOnceTheWindowHasPassed() {
    MutableBeaconState state = state();
    List<BlsSecretKey> members = memberKeys(60, 2);
    long activation = 16;
    operations().addGroupToRegistry(state, 4, keySet(members, 2, activation));

    setEpoch(state, activation + DELAY - 2);
    EDVT.epochProcessor().processGroupKeySetPruning(state);
    assertThat(operations().registry().groups(state).get(0).keySets().size()).isEqualTo(2);

    setEpoch(state, activation + DELAY - 1);
    EDVT.epochProcessor().processGroupKeySetPruning(state);
    var keySets = operations().registry().groups(state).get(0).keySets();
    assertThat(keySets.size()).isEqualTo(1);
    assertThat(keySets.get(0).activationEpoch()).isEqualTo(UInt64.valueOf(activation));
    // the pruned own key is no longer a stored group key
    assertThat(operations().isGroupPubkey(state, GroupFixture.ownKey(4).publicKey().toBytes())).isFalse();
  }

  @Test
  void pruningNeverDropsThePendingOrTheKeySetInForce() {
    MutableBeaconState state = state();
    operations().addGroupToRegistry(state, 4, keySet(memberKeys(60, 2), 2, 16));
    setEpoch(state, 10_000);
    EDVT.epochProcessor().processGroupKeySetPruning(state);
    EDVT.epochProcessor().processGroupKeySetPruning(state);
    assertThat(operations().registry().groups(state).get(0).keySets().size()).isEqualTo(1);
  }

  @Test
  void memberParticipationRotatesWithTheValidatorParticipation() {
    MutableBeaconState state = state();
    operations().addGroupToRegistry(state, 4, keySet(memberKeys(60, 2), 2, 1));
    operations().addGroupToRegistry(state, 9, keySet(memberKeys(62, 3), 2, 1));
    SszListEditor<Integer> current = state.list(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION);
    current.set(1, 0b111);
    current.set(SpecConfigEdvt.of(CONFIG).maxGroupSize() + 2, 0b010);
    var before = state.listValue(BeaconStateEdvt.CURRENT_EPOCH_MEMBER_PARTICIPATION);

    EDVT.epochProcessor().processParticipationFlagUpdates(state);

    BeaconStateEdvt post = (BeaconStateEdvt) state.commit();
    assertThat(post.previousEpochMemberParticipation()).isEqualTo(before);
    assertThat(post.previousEpochMemberParticipation().get(1)).isEqualTo(0b111);
    assertThat(post.currentEpochMemberParticipation().size()).isEqualTo(2 * SpecConfigEdvt.of(CONFIG).maxGroupSize());
    assertThat(post.currentEpochMemberParticipation().asList()).containsOnly(0);
    assertThat(post.currentEpochMemberParticipation().hashTreeRoot())
        .isEqualTo(post.currentEpochMemberParticipation().type().of(java.util.Collections.nCopies(32, 0)).hashTreeRoot());
  }

  @Test
  void aGroupIsEjectedAtSixteenEthPerMemberWhilePlainValidatorsFollowFulu() {
    MutableBeaconState state = state();
    UInt64 ejection = CONFIG.ejectionBalance();
    // validator 4: two members in force, effective balance 2 * EJECTION_BALANCE
    setEffectiveBalance(state, 4, ejection.times(2));
    operations().addGroupToRegistry(state, 4, keySet(memberKeys(60, 2), 1, 1));
    // validator 5: the same balance without a group; validator 6: at EJECTION_BALANCE
    setEffectiveBalance(state, 5, ejection.times(2));
    setEffectiveBalance(state, 6, ejection);
    // validator 7: a group still signing with its own key (its members are pending)
    setEffectiveBalance(state, 7, ejection.times(2));
    operations().addGroupToRegistry(state, 7, keySet(memberKeys(62, 2), 1, 16));
    MutableBeaconState fulu = new MutableBeaconState(state.commitAndContinue());

    EDVT.epochProcessor().processRegistryUpdates(state);
    FULU.epochProcessor().processRegistryUpdates(fulu);

    assertThat(state.validators().get(4).exitEpoch()).isNotEqualTo(FAR_FUTURE_EPOCH);
    assertThat(fulu.validators().get(4).exitEpoch()).isEqualTo(FAR_FUTURE_EPOCH);
    assertThat(state.validators().get(5).exitEpoch()).isEqualTo(FAR_FUTURE_EPOCH);
    assertThat(state.validators().get(6).exitEpoch()).isNotEqualTo(FAR_FUTURE_EPOCH)
        .isEqualTo(fulu.validators().get(6).exitEpoch());
    assertThat(state.validators().get(7).exitEpoch()).isEqualTo(FAR_FUTURE_EPOCH);
    for (int i = 0; i < state.validators().size(); i++) {
      if (i != 4) {
        assertThat(state.validators().get(i)).as("validator " + i).isEqualTo(fulu.validators().get(i));
      }
    }
  }

  @Test
  void aDepositForAStoredGroupKeyIsDroppedAndOtherNewKeysAreAdded() {
    MutableBeaconState state = state();
    BlsSecretKey member = memberKey(70);
    operations().addGroupToRegistry(state, 4, keySet(List.of(member), 1, 16));
    PendingDepositsEdvt deposits = new PendingDepositsEdvt(EDVT.edvtHelpers(), operations());
    int before = state.validators().size();
    Bytes32 credentials = Bytes32.fromHexString("0x01" + "00".repeat(31));
    deposits.applyPendingDeposit(state, PendingDeposit.create(member.publicKey().toBytes(), credentials,
        CONFIG.minActivationBalance(), Bytes.wrap(new byte[96]), UInt64.ZERO), SignatureVerifier.NONE);
    assertThat(state.validators().size()).isEqualTo(before);
    deposits.applyPendingDeposit(state, PendingDeposit.create(memberKey(71).publicKey().toBytes(), credentials,
        CONFIG.minActivationBalance(), Bytes.wrap(new byte[96]), UInt64.ZERO), SignatureVerifier.NONE);
    assertThat(state.validators().size()).isEqualTo(before + 1);
    // a top-up of the group's validator through its own key still works
    UInt64 balance = state.balances().get(4);
    deposits.applyPendingDeposit(state, PendingDeposit.create(GroupFixture.ownKey(4).publicKey().toBytes(), credentials,
        UInt64.valueOf(1_000_000_000L), Bytes.wrap(new byte[96]), UInt64.ZERO), SignatureVerifier.NONE);
    assertThat(state.balances().get(4)).isEqualTo(balance.plus(1_000_000_000L));
  }

  @Test
  void theWithdrawalFloorIsTheActivationBalancePerMemberInForceOrPending() {
    MutableBeaconState state = state();
    GroupBalancesEdvt balances = new GroupBalancesEdvt(EDVT.edvtHelpers());
    UInt64 min = CONFIG.minActivationBalance();
    assertThat(balances.getValidatorMinimumBalance(state, 4)).isEqualTo(min);
    operations().addGroupToRegistry(state, 4, keySet(memberKeys(60, 3), 2, 16));
    // the own key is in force (1 member), 3 members are pending
    assertThat(balances.getValidatorMinimumBalance(state, 4)).isEqualTo(min.times(3));
    setEpoch(state, 16);
    assertThat(balances.getValidatorMinimumBalance(state, 4)).isEqualTo(min.times(3));
    assertThat(balances.getValidatorEjectionBalance(state, 4)).isEqualTo(CONFIG.ejectionBalance().times(3));
  }

  @Test
  void aPartialWithdrawalRequestLeavesTheActivationBalanceOfEveryMember() {
    MutableBeaconState state = state();
    int v = 4;
    Bytes32 credentials = Bytes32.fromHexString("0x02" + "00".repeat(11) + "11".repeat(20));
    state.validators().set(v, state.validators().get(v).withWithdrawalCredentials(credentials));
    setEffectiveBalance(state, v, CONFIG.minActivationBalance().times(3));
    state.balances().set(v, CONFIG.minActivationBalance().times(3).plus(5_000_000_000L));
    operations().addGroupToRegistry(state, v, keySet(memberKeys(60, 3), 2, 1));
    setEpoch(state, CONFIG.shardCommitteePeriod() + 1);
    var request = io.edvt.spec.datastructures.execution.WithdrawalRequest.create(
        org.apache.tuweni.bytes.Bytes.fromHexString("11".repeat(20)), state.validators().get(v).pubkey(),
        UInt64.valueOf(100_000_000_000L));
    EDVT.blockProcessor().processWithdrawalRequest(state, request);
    assertThat(state.pendingPartialWithdrawals().size()).isEqualTo(1);
    assertThat(state.pendingPartialWithdrawals().get(0).amount()).isEqualTo(UInt64.valueOf(5_000_000_000L));
  }
}
