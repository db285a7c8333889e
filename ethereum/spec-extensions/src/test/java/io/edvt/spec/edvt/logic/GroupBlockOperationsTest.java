package io.edvt.spec.edvt.logic;

import static io.edvt.spec.edvt.logic.GroupFixture.CONFIG;
import static io.edvt.spec.edvt.logic.GroupFixture.EDVT;
import static io.edvt.spec.edvt.logic.GroupFixture.keyChange;
import static io.edvt.spec.edvt.logic.GroupFixture.keySet;
import static io.edvt.spec.edvt.logic.GroupFixture.memberKey;
import static io.edvt.spec.edvt.logic.GroupFixture.memberKeys;
import static io.edvt.spec.edvt.logic.GroupFixture.operations;
import static io.edvt.spec.edvt.logic.GroupFixture.registration;
import static io.edvt.spec.edvt.logic.GroupFixture.setEffectiveBalance;
import static io.edvt.spec.edvt.logic.GroupFixture.setEpoch;
import static io.edvt.spec.edvt.logic.GroupFixture.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.PendingPartialWithdrawal;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

/** {@code process_operations} with the group lists, the block's signature batch, and partial withdrawals. */
class GroupBlockOperationsTest {

  private static BeaconBlockBodyEdvt body(List<SignedGroupRegistration> registrations, List<SignedGroupKeyChange> changes) {
    var type = EDVT.schemas().beaconBlockBody();
    BeaconBlockBodyEdvt empty = type.defaultValue();
    return empty
        .withGroupRegistrations(empty.groupRegistrations().type().of(registrations))
        .withGroupKeyChanges(empty.groupKeyChanges().type().of(changes));
  }

  @Test
  void processOperationsRunsTheRegistrationsThenTheKeyChangesOfTheBody() {
    MutableBeaconState state = state();
    setEffectiveBalance(state, 10, CONFIG.minActivationBalance().times(2));
    setEffectiveBalance(state, 11, CONFIG.minActivationBalance().times(2));
    // validator 12 has a group in force, which the key change in the same block changes
    var members = memberKeys(300, 2);
    operations().addGroupToRegistry(state, 12, keySet(members, 2, 1));
    GroupKeyChange change = GroupKeyChange.create(UInt64.valueOf(12), UInt64.ONE, UInt64.valueOf(2), Bytes48.ZERO,
        Bytes.wrap(new byte[96]), UInt64.ONE);
    var body = body(
        List.of(registration(state, 10, 1, memberKeys(310, 2)), registration(state, 11, 2, memberKeys(320, 2))),
        List.of(keyChange(state, change, members, 0, 1)));

    EDVT.blockProcessor().processOperations(state, body, SignatureVerifier.SIMPLE);

    var groups = operations().registry().groups(state);
    assertThat(groups.size()).isEqualTo(3);
    assertThat(groups.get(1).validatorIndex()).isEqualTo(UInt64.valueOf(10));
    assertThat(groups.get(2).validatorIndex()).isEqualTo(UInt64.valueOf(11));
    assertThat(groups.get(0).keySets().size()).isEqualTo(3);
    assertThat(groups.get(0).keySets().get(2).threshold()).isEqualTo(UInt64.ONE);
  }

  @Test
  void aBlockWithAnInvalidRegistrationIsInvalid() {
    MutableBeaconState state = state();
    var body = body(List.of(registration(state, 10, 1, memberKeys(310, 2))), List.of());
    assertThatThrownBy(() -> EDVT.blockProcessor().processOperations(state, body, SignatureVerifier.SIMPLE))
        .isInstanceOf(StateTransitionException.class)
        .hasMessageContaining("INSUFFICIENT_BALANCE");
  }

  @Test
  void withABatchVerifierABadSignatureFailsTheBatchInsteadOfTheOperation() {
    MutableBeaconState state = state();
    setEffectiveBalance(state, 10, CONFIG.minActivationBalance().times(2));
    SignedGroupRegistration good = registration(state, 10, 1, memberKeys(310, 2));
    SignedGroupRegistration forged = SignedGroupRegistration.create(EDVT.schemas().signedGroupRegistration(),
        good.message(), registration(state, 10, 2, memberKeys(310, 2)).signature());
    SignatureVerifier.Batch batch = new SignatureVerifier.Batch();
    EDVT.blockProcessor().processOperations(state, body(List.of(forged), List.of()), batch);
    assertThat(batch.size()).isEqualTo(3);
    assertThat(batch.verifyAll()).isFalse();

    MutableBeaconState prepared = state();
    setEffectiveBalance(prepared, 10, CONFIG.minActivationBalance().times(2));
    SignatureVerifier.Batch honest = new SignatureVerifier.Batch();
    EDVT.blockProcessor().processOperations(prepared, body(List.of(good), List.of()), honest);
    assertThat(honest.size()).isEqualTo(3);
    assertThat(honest.verifyAll()).isTrue();
  }

  @Test
  void aPendingPartialWithdrawalLeavesTheActivationBalanceOfEveryMember() {
    MutableBeaconState state = state();
    int v = 4;
    Bytes32 credentials = Bytes32.fromHexString("0x02" + "00".repeat(11) + "11".repeat(20));
    state.validators().set(v, state.validators().get(v).withWithdrawalCredentials(credentials));
    setEffectiveBalance(state, v, CONFIG.minActivationBalance().times(3));
    state.balances().set(v, CONFIG.minActivationBalance().times(3).plus(7_000_000_000L));
    operations().addGroupToRegistry(state, v, keySet(memberKeys(60, 3), 2, 1));
    setEpoch(state, 2);
    state.pendingPartialWithdrawals().append(
        PendingPartialWithdrawal.create(UInt64.valueOf(v), UInt64.valueOf(100_000_000_000L), UInt64.valueOf(2)));
    var result = EDVT.blockProcessor().withdrawals().getPendingPartialWithdrawals(state, UInt64.ZERO, List.of());
    assertThat(result.withdrawals()).hasSize(1);
    assertThat(result.withdrawals().get(0).amount()).isEqualTo(UInt64.valueOf(7_000_000_000L));

    // below the floor of three members nothing is withdrawn, though Fulu would pay out
    state.balances().set(v, CONFIG.minActivationBalance().times(2));
    var none = EDVT.blockProcessor().withdrawals().getPendingPartialWithdrawals(state, UInt64.ZERO, List.of());
    assertThat(none.withdrawals()).isEmpty();
    assertThat(none.processedCount()).isEqualTo(UInt64.ONE);
    var fulu = GroupFixture.FULU.blockProcessor().withdrawals().getPendingPartialWithdrawals(state, UInt64.ZERO, List.of());
    assertThat(fulu.withdrawals()).hasSize(1);
  }
}
