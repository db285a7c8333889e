package io.edvt.spec.edvt.logic;

import static io.edvt.spec.edvt.logic.GroupFixture.CONFIG;
import static io.edvt.spec.edvt.logic.GroupFixture.EDVT;
import static io.edvt.spec.edvt.logic.GroupFixture.memberKey;
import static io.edvt.spec.edvt.logic.GroupFixture.memberKeys;
import static io.edvt.spec.edvt.logic.GroupFixture.operations;
import static io.edvt.spec.edvt.logic.GroupFixture.ownKey;
import static io.edvt.spec.edvt.logic.GroupFixture.proof;
import static io.edvt.spec.edvt.logic.GroupFixture.registration;
import static io.edvt.spec.edvt.logic.GroupFixture.setEffectiveBalance;
import static io.edvt.spec.edvt.logic.GroupFixture.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.groups.RegistrationRejection;
import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.config.SpecConfigEdvt;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

/** {@code process_group_registration}, {@code add_group_to_registry} and the key predicates. */
class GroupRegistrationTest {
  private static final int V = 5;

  private static MutableBeaconState stateWithBalance(int members) {
    MutableBeaconState state = state();
    setEffectiveBalance(state, V, CONFIG.minActivationBalance().times(members));
    return state;
  }

  private static RegistrationRejection rejection(MutableBeaconState state, SignedGroupRegistration op) {
    var verdict = operations().validateGroupRegistration(state, op, SignatureVerifier.SIMPLE);
    assertThat(verdict.isRejected()).as(verdict.toString()).isTrue();
    assertThatThrownBy(() -> operations().processGroupRegistration(state, op, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining(verdict.reason().orElseThrow().name());
    return verdict.reason().orElseThrow();
  }

  @Test
  void aValidRegistrationCreatesTheGroupWithTheOwnKeyFirstAndTheMembersFromThePeriodAfterNext() {
    MutableBeaconState state = stateWithBalance(3);
    List<BlsSecretKey> members = memberKeys(0, 3);
    EDVT.blockProcessor().processGroupRegistration(state, registration(state, V, 2, members), SignatureVerifier.SIMPLE);

    BeaconStateEdvt post = (BeaconStateEdvt) state.commit();
    assertThat(post.groups().size()).isEqualTo(1);
    Group group = post.groups().get(0);
    assertThat(group.validatorIndex()).isEqualTo(UInt64.valueOf(V));
    assertThat(group.keySets().size()).isEqualTo(2);
    GroupKeySet own = group.keySets().get(0);
    assertThat(own.pubkeys().asList()).containsExactly(ownKey(V).publicKey().toBytes());
    assertThat(own.threshold()).isEqualTo(UInt64.ONE);
    assertThat(own.activationEpoch()).isEqualTo(UInt64.ZERO);
    GroupKeySet registered = group.keySets().get(1);
    assertThat(registered.pubkeys().asList())
        .containsExactlyElementsOf(members.stream().map(k -> k.publicKey().toBytes()).toList());
    assertThat(registered.threshold()).isEqualTo(UInt64.valueOf(2));
    // registered at epoch 1 (period 0): in force from the first epoch of period 2
    assertThat(registered.activationEpoch()).isEqualTo(UInt64.valueOf(2L * CONFIG.epochsPerSyncCommitteePeriod()));
    assertThat(post.previousEpochMemberParticipation().size()).isEqualTo(SpecConfigEdvt.of(CONFIG).maxGroupSize());
    assertThat(post.currentEpochMemberParticipation().size()).isEqualTo(SpecConfigEdvt.of(CONFIG).maxGroupSize());

    MutableBeaconState after = new MutableBeaconState(post);
    assertThat(operations().isGroupPubkey(after, members.get(1).publicKey().toBytes())).isTrue();
    assertThat(operations().isGroupPubkey(after, ownKey(V).publicKey().toBytes())).isTrue();
    assertThat(operations().isPubkeyInUse(after, ownKey(7).publicKey().toBytes())).isTrue();
    assertThat(operations().isPubkeyInUse(after, memberKey(99).publicKey().toBytes())).isFalse();
  }

  @Test
  void aThresholdOfZeroIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    assertThat(rejection(state, registration(state, V, 0, memberKeys(0, 2))))
        .isEqualTo(RegistrationRejection.THRESHOLD_OUT_OF_RANGE);
  }

  @Test
  void aThresholdAboveTheGroupSizeIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    assertThat(rejection(state, registration(state, V, 3, memberKeys(0, 2))))
        .isEqualTo(RegistrationRejection.THRESHOLD_OUT_OF_RANGE);
  }

  @Test
  void moreThanSixteenKeysDoNotFitTheRegistrationContainer() {
    MutableBeaconState state = stateWithBalance(16);
    List<Bytes48> keys = new ArrayList<>();
    for (int i = 0; i < SpecConfigEdvt.of(CONFIG).maxGroupSize() + 1; i++) {
      keys.add(memberKey(i).publicKey().toBytes());
    }
    assertThatThrownBy(() -> EDVT.schemas().groupPubkeys().of(keys)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void sixteenKeysAreAcceptedWithSixteenTimesTheActivationBalance() {
    MutableBeaconState state = stateWithBalance(16);
    var verdict = operations().validateGroupRegistration(state, registration(state, V, 11, memberKeys(0, 16)),
        SignatureVerifier.SIMPLE);
    assertThat(verdict.isAccepted()).as(verdict.toString()).isTrue();
  }

  @Test
  void aRepeatedKeyIsRejected() {
    MutableBeaconState state = stateWithBalance(3);
    List<BlsSecretKey> members = List.of(memberKey(0), memberKey(1), memberKey(0));
    assertThat(rejection(state, registration(state, V, 2, members))).isEqualTo(RegistrationRejection.DUPLICATE_KEY);
  }

  @Test
  void aKeyOfAnotherValidatorIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    List<BlsSecretKey> members = List.of(memberKey(0), ownKey(9));
    assertThat(rejection(state, registration(state, V, 2, members))).isEqualTo(RegistrationRejection.KEY_IN_USE);
  }

  @Test
  void aKeyStoredInAnotherGroupsKeySetIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    setEffectiveBalance(state, 6, CONFIG.minActivationBalance().times(2));
    EDVT.blockProcessor().processGroupRegistration(state, registration(state, 6, 1, memberKeys(0, 2)),
        SignatureVerifier.SIMPLE);
    assertThat(rejection(state, registration(state, V, 1, List.of(memberKey(1), memberKey(5)))))
        .isEqualTo(RegistrationRejection.KEY_IN_USE);
  }

  @Test
  void aWrongProofOfPossessionIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    List<BlsSecretKey> members = memberKeys(0, 2);
    List<Bytes48> pubkeys = members.stream().map(k -> k.publicKey().toBytes()).toList();
    // member 1's proof is made by member 0's key
    List<Bytes> proofs = List.of(proof(state, members.get(0), V), proof(state, members.get(0), V));
    assertThat(rejection(state, registration(state, V, 2, pubkeys, proofs, ownKey(V))))
        .isEqualTo(RegistrationRejection.INVALID_PROOF_OF_POSSESSION);
  }

  @Test
  void aProofBoundToAnotherValidatorIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    List<BlsSecretKey> members = memberKeys(0, 2);
    List<Bytes48> pubkeys = members.stream().map(k -> k.publicKey().toBytes()).toList();
    List<Bytes> proofs = List.of(proof(state, members.get(0), V), proof(state, members.get(1), V + 1));
    assertThat(rejection(state, registration(state, V, 2, pubkeys, proofs, ownKey(V))))
        .isEqualTo(RegistrationRejection.INVALID_PROOF_OF_POSSESSION);
    assertThat(operations().isValidGroupKeyProof(state, V + 1, pubkeys.get(1), proofs.get(1), SignatureVerifier.SIMPLE))
        .isTrue();
  }

  @Test
  void tooLittleEffectiveBalanceForEveryMemberIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    assertThat(rejection(state, registration(state, V, 2, memberKeys(0, 3))))
        .isEqualTo(RegistrationRejection.INSUFFICIENT_BALANCE);
  }

  @Test
  void aValidatorThatIsNotActiveIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    state.validators().set(V, state.validators().get(V).withActivationEpoch(UInt64.valueOf(1000)));
    assertThat(rejection(state, registration(state, V, 2, memberKeys(0, 2))))
        .isEqualTo(RegistrationRejection.VALIDATOR_NOT_ACTIVE);
  }

  @Test
  void aSlashedValidatorIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    state.validators().set(V, state.validators().get(V).withSlashed(true));
    assertThat(rejection(state, registration(state, V, 2, memberKeys(0, 2))))
        .isEqualTo(RegistrationRejection.VALIDATOR_SLASHED);
  }

  @Test
  void anExitingValidatorIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    state.validators().set(V, state.validators().get(V).withExitEpoch(UInt64.valueOf(100)));
    assertThat(rejection(state, registration(state, V, 2, memberKeys(0, 2))))
        .isEqualTo(RegistrationRejection.VALIDATOR_EXITING);
  }

  @Test
  void anUnknownValidatorIsRejected() {
    MutableBeaconState state = state();
    assertThat(rejection(state, registration(state, 64, 1, List.of(memberKey(0).publicKey().toBytes()), List.of(proof(state, memberKey(0), 64)),
        memberKey(50)))).isEqualTo(RegistrationRejection.UNKNOWN_VALIDATOR);
  }

  @Test
  void aValidatorThatAlreadyHasAGroupIsRejected() {
    MutableBeaconState state = stateWithBalance(4);
    EDVT.blockProcessor().processGroupRegistration(state, registration(state, V, 1, memberKeys(0, 2)),
        SignatureVerifier.SIMPLE);
    assertThat(rejection(state, registration(state, V, 1, memberKeys(10, 2))))
        .isEqualTo(RegistrationRejection.ALREADY_IN_GROUP);
  }

  @Test
  void aRegistrationNotSignedByTheOwnKeyIsRejected() {
    MutableBeaconState state = stateWithBalance(2);
    List<BlsSecretKey> members = memberKeys(0, 2);
    List<Bytes48> pubkeys = members.stream().map(k -> k.publicKey().toBytes()).toList();
    List<Bytes> proofs = members.stream().map(k -> proof(state, k, V)).toList();
    assertThat(rejection(state, registration(state, V, 2, pubkeys, proofs, members.get(0))))
        .isEqualTo(RegistrationRejection.INVALID_SIGNATURE);
  }

  @Test
  void theKeyProofSigningRootIsThatOfTheGroupKeyProofContainer() {
    MutableBeaconState state = state();
    Bytes48 pubkey = memberKey(3).publicKey().toBytes();
    var container = EDVT.schemas().groupKeyProof().create(UInt64.valueOf(V), pubkey);
    assertThat(io.edvt.groups.GroupKeyProofs.keyProofRoot(UInt64.valueOf(V), pubkey)).isEqualTo(container.hashTreeRoot());
  }
}
