package io.edvt.spec.edvt.logic;

import static io.edvt.spec.edvt.logic.GroupFixture.CONFIG;
import static io.edvt.spec.edvt.logic.GroupFixture.EDVT;
import static io.edvt.spec.edvt.logic.GroupFixture.keyChange;
import static io.edvt.spec.edvt.logic.GroupFixture.memberKey;
import static io.edvt.spec.edvt.logic.GroupFixture.memberKeys;
import static io.edvt.spec.edvt.logic.GroupFixture.operations;
import static io.edvt.spec.edvt.logic.GroupFixture.proof;
import static io.edvt.spec.edvt.logic.GroupFixture.registration;
import static io.edvt.spec.edvt.logic.GroupFixture.setEffectiveBalance;
import static io.edvt.spec.edvt.logic.GroupFixture.setEpoch;
import static io.edvt.spec.edvt.logic.GroupFixture.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.groups.KeyChangeRejection;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** {@code process_group_key_change}. */
class GroupKeyChangeTest {
  private static final int V = 3;
  private static final List<BlsSecretKey> MEMBERS = memberKeys(20, 3);
  private static final long IN_FORCE = 2L * CONFIG.epochsPerSyncCommitteePeriod();

  /** Validator 3 registered (2 of 3) at epoch 1; the state is at the epoch its members take over. */
  private static MutableBeaconState groupInForce() {
    MutableBeaconState state = state();
    setEffectiveBalance(state, V, CONFIG.minActivationBalance().times(4));
    EDVT.blockProcessor().processGroupRegistration(state, registration(state, V, 2, MEMBERS), SignatureVerifier.SIMPLE);
    setEpoch(state, IN_FORCE);
    return state;
  }

  private static GroupKeyChange change(long currentKeySetEpoch, int memberIndex, Bytes48 newPubkey, Bytes proof,
      int newThreshold) {
    return GroupKeyChange.create(UInt64.valueOf(V), UInt64.valueOf(currentKeySetEpoch), UInt64.valueOf(memberIndex),
        newPubkey, proof, UInt64.valueOf(newThreshold));
  }

  private static GroupKeyChange replace(MutableBeaconState state, long currentKeySetEpoch, int memberIndex, BlsSecretKey key,
      int newThreshold) {
    return change(currentKeySetEpoch, memberIndex, key.publicKey().toBytes(), proof(state, key, V), newThreshold);
  }

  private static GroupKeyChange withoutKey(long currentKeySetEpoch, int memberIndex, int newThreshold) {
    return change(currentKeySetEpoch, memberIndex, Bytes48.ZERO, Bytes.wrap(new byte[96]), newThreshold);
  }

  private static Group group(MutableBeaconState state) {
    return operations().registry().groups(state).get(0);
  }

  private static List<Bytes48> keys(GroupKeySet keySet) {
    return keySet.pubkeys().asList();
  }

  private static KeyChangeRejection rejection(MutableBeaconState state, SignedGroupKeyChange op) {
    var verdict = operations().validateGroupKeyChange(state, op, SignatureVerifier.SIMPLE);
    assertThat(verdict.isRejected()).as(verdict.toString()).isTrue();
    assertThatThrownBy(() -> EDVT.blockProcessor().processGroupKeyChange(state, op, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining(verdict.reason().orElseThrow().name());
    return verdict.reason().orElseThrow();
  }

  @Test
  void aChangeSignedByThresholdMembersSchedulesAPendingKeySetForThePeriodAfterNext() {
    MutableBeaconState state = groupInForce();
    BlsSecretKey fresh = memberKey(30);
    EDVT.blockProcessor().processGroupKeyChange(state, keyChange(state, replace(state, IN_FORCE, 1, fresh, 2), MEMBERS, 0, 2),
        SignatureVerifier.SIMPLE);

    Group group = group(state);
    assertThat(group.keySets().size()).isEqualTo(3);
    GroupKeySet pending = group.keySets().get(2);
    assertThat(keys(pending)).containsExactly(MEMBERS.get(0).publicKey().toBytes(), fresh.publicKey().toBytes(),
        MEMBERS.get(2).publicKey().toBytes());
    assertThat(pending.threshold()).isEqualTo(UInt64.valueOf(2));
    assertThat(pending.activationEpoch()).isEqualTo(UInt64.valueOf(IN_FORCE + 2L * CONFIG.epochsPerSyncCommitteePeriod()));
    // the key set in force is unchanged until then
    assertThat(operations().registry().getValidatorKeySet(state, V, UInt64.valueOf(IN_FORCE)).orElseThrow())
        .isEqualTo(operations().registry().keySets(group).keySets().get(1));
  }

  @Test
  void aChangeSignedByOneMemberFewerThanTheThresholdIsRejected() {
    MutableBeaconState state = groupInForce();
    SignedGroupKeyChange op = keyChange(state, replace(state, IN_FORCE, 1, memberKey(30), 2), MEMBERS, 2);
    assertThat(rejection(state, op)).isEqualTo(KeyChangeRejection.NOT_AUTHORISED);
  }

  @Test
  void aChangeSignedByTheRightNumberOfWrongKeysIsRejected() {
    MutableBeaconState state = groupInForce();
    GroupKeyChange message = replace(state, IN_FORCE, 1, memberKey(30), 2);
    SignedGroupKeyChange op = keyChange(state, message, memberKeys(40, 3), 0, 1);
    assertThat(rejection(state, op)).isEqualTo(KeyChangeRejection.NOT_AUTHORISED);
  }

  @Test
  void aSecondChangeWhileOneIsPendingIsRejected() {
    MutableBeaconState state = groupInForce();
    EDVT.blockProcessor().processGroupKeyChange(state,
        keyChange(state, replace(state, IN_FORCE, 1, memberKey(30), 2), MEMBERS, 0, 1), SignatureVerifier.SIMPLE);
    SignedGroupKeyChange second = keyChange(state, withoutKey(IN_FORCE, 3, 3), MEMBERS, 0, 1);
    assertThat(rejection(state, second)).isEqualTo(KeyChangeRejection.CHANGE_ALREADY_PENDING);
  }

  @Test
  void aReplayedChangeWithAStaleCurrentKeySetEpochIsRejected() {
    MutableBeaconState state = groupInForce();
    // the own key set has been pruned, so the group stores only the registered set
    Group group = group(state);
    operations().registry().groups(state).set(0, group.withKeySets(group.keySets().sliceFrom(1)));
    SignedGroupKeyChange op = keyChange(state, replace(state, IN_FORCE, 1, memberKey(30), 2), MEMBERS, 0, 1);
    EDVT.blockProcessor().processGroupKeyChange(state, op, SignatureVerifier.SIMPLE);

    long next = IN_FORCE + 2L * CONFIG.epochsPerSyncCommitteePeriod();
    setEpoch(state, next);
    assertThat(group(state).keySets().size()).isEqualTo(2);
    assertThat(rejection(state, op)).isEqualTo(KeyChangeRejection.STALE_KEY_SET_EPOCH);
  }

  @Test
  void aChangeNamingAnEpochOtherThanTheKeySetInForceIsRejected() {
    MutableBeaconState state = groupInForce();
    SignedGroupKeyChange op = keyChange(state, replace(state, 0, 1, memberKey(30), 2), MEMBERS, 0, 1);
    assertThat(rejection(state, op)).isEqualTo(KeyChangeRejection.STALE_KEY_SET_EPOCH);
  }

  @Test
  void removingAMemberShiftsTheLaterMembersDown() {
    MutableBeaconState state = groupInForce();
    EDVT.blockProcessor().processGroupKeyChange(state, keyChange(state, withoutKey(IN_FORCE, 0, 2), MEMBERS, 1, 2),
        SignatureVerifier.SIMPLE);
    GroupKeySet pending = group(state).keySets().get(2);
    assertThat(keys(pending)).containsExactly(MEMBERS.get(1).publicKey().toBytes(), MEMBERS.get(2).publicKey().toBytes());
    assertThat(pending.threshold()).isEqualTo(UInt64.valueOf(2));
  }

  @Test
  void aThresholdOnlyChangeKeepsTheKeys() {
    MutableBeaconState state = groupInForce();
    EDVT.blockProcessor().processGroupKeyChange(state, keyChange(state, withoutKey(IN_FORCE, 3, 3), MEMBERS, 0, 2),
        SignatureVerifier.SIMPLE);
    GroupKeySet pending = group(state).keySets().get(2);
    assertThat(keys(pending)).isEqualTo(keys(group(state).keySets().get(1)));
    assertThat(pending.threshold()).isEqualTo(UInt64.valueOf(3));
  }

  @Test
  void aChangeThatChangesNothingIsRejected() {
    MutableBeaconState state = groupInForce();
    SignedGroupKeyChange op = keyChange(state, withoutKey(IN_FORCE, 3, 2), MEMBERS, 0, 2);
    assertThat(rejection(state, op)).isEqualTo(KeyChangeRejection.NO_EFFECT);
  }

  @Test
  void addingAMemberNeedsTheActivationBalanceOfEveryMember() {
    MutableBeaconState state = groupInForce();
    setEffectiveBalance(state, V, CONFIG.minActivationBalance().times(3));
    SignedGroupKeyChange op = keyChange(state, replace(state, IN_FORCE, 3, memberKey(31), 2), MEMBERS, 0, 1);
    assertThat(rejection(state, op)).isEqualTo(KeyChangeRejection.INSUFFICIENT_BALANCE);
    setEffectiveBalance(state, V, CONFIG.minActivationBalance().times(4));
    EDVT.blockProcessor().processGroupKeyChange(state, op, SignatureVerifier.SIMPLE);
    assertThat(keys(group(state).keySets().get(2))).hasSize(4);
  }

  @Test
  void aNewKeyAlreadyInUseIsRejected() {
    MutableBeaconState state = groupInForce();
    SignedGroupKeyChange op = keyChange(state, replace(state, IN_FORCE, 1, MEMBERS.get(2), 2), MEMBERS, 0, 1);
    assertThat(rejection(state, op)).isEqualTo(KeyChangeRejection.KEY_IN_USE);
  }

  @Test
  void aValidatorWithoutAGroupCannotChangeKeys() {
    MutableBeaconState state = groupInForce();
    GroupKeyChange message = GroupKeyChange.create(UInt64.valueOf(V + 1), UInt64.ZERO, UInt64.ONE, Bytes48.ZERO,
        Bytes.wrap(new byte[96]), UInt64.ONE);
    SignedGroupKeyChange op = keyChange(state, message, List.of(GroupFixture.ownKey(V + 1)), 0);
    assertThat(rejection(state, op)).isEqualTo(KeyChangeRejection.NO_GROUP);
  }
}
