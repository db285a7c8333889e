package io.edvt.reftests.generator;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code operations/group_registration}: validator 5 registers groups of several shapes, and
 * registrations every rule of {@code process_group_registration} refuses.
 */
final class GroupRegistrationCases {
  private final OperationCases ops;
  private final EdvtStates states;
  private final EdvtFixtures f;
  private final SpecEdvt edvt;
  private final SpecConfig config;
  private final int slotsPerEpoch;

  GroupRegistrationCases(OperationCases ops, EdvtStates states) {
    this.ops = ops;
    this.states = states;
    this.f = states.fixtures();
    this.edvt = states.edvt();
    this.config = states.config();
    this.slotsPerEpoch = states.slotsPerEpoch();
  }

  void all() {
    groupRegistration();
  }

  private void registrationCase(String name, Outcome expected, MutableBeaconState state, SignedGroupRegistration op) {
    ops.write("group_registration", "group_registration", name, state, op.serialize(),
        work -> edvt.blockProcessor().processGroupRegistration(work, op, SignatureVerifier.SIMPLE), expected);
  }

  /** Validator 5's group registered with {@code m} of {@code n} keys. */
  private static Outcome registers(int m, int n) {
    return Outcome.accepted("validator 5 has a group of " + m + " of " + n + " keys", GroupEffects.registered(5, m, n));
  }

  private void groupRegistration() {
    final int v = 5;
    MutableBeaconState s;
    s = states.withBalance(v, 3);
    registrationCase("valid_2_of_3", registers(2, 3), s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 3)));
    s = states.withBalance(v, 2);
    registrationCase("valid_2_of_2", registers(2, 2), s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 2)));
    s = states.withBalance(v, 1);
    registrationCase("valid_1_of_1", registers(1, 1), s, f.registration(s, v, 1, EdvtFixtures.freshKeys(3, 1)));
    s = states.withBalance(v, 16);
    registrationCase("valid_11_of_16", registers(11, 16), s, f.registration(s, v, 11, EdvtFixtures.freshKeys(0, 16)));
    s = states.withBalance(v, 4);
    registrationCase("valid_1_of_4_surplus_balance", registers(1, 4),
        s, f.registration(s, v, 1, EdvtFixtures.freshKeys(4, 4)));
    s = states.withBalance(v, 2);
    registrationCase("invalid_threshold_zero", Outcome.rejectedBy("THRESHOLD_OUT_OF_RANGE"),
        s, f.registration(s, v, 0, EdvtFixtures.freshKeys(0, 2)));
    s = states.withBalance(v, 2);
    registrationCase("invalid_threshold_above_size", Outcome.rejectedBy("THRESHOLD_OUT_OF_RANGE"),
        s, f.registration(s, v, 3, EdvtFixtures.freshKeys(0, 2)));
    s = states.withBalance(v, 3);
    registrationCase("invalid_duplicate_key", Outcome.rejectedBy("DUPLICATE_KEY"), s, f.registration(s, v, 2,
        List.of(EdvtFixtures.freshKey(0), EdvtFixtures.freshKey(1), EdvtFixtures.freshKey(0))));
    s = states.withBalance(v, 2);
    registrationCase("invalid_key_of_another_validator", Outcome.rejectedBy("KEY_IN_USE"), s, f.registration(s, v, 2,
        List.of(EdvtFixtures.freshKey(0), EdvtFixtures.ownKey(9))));
    s = states.withBalance(v, 2);
    EdvtFixtures.setEffectiveBalance(s, 6, config.minActivationBalance().times(2));
    edvt.blockProcessor().processGroupRegistration(s, f.registration(s, 6, 1, EdvtFixtures.freshKeys(0, 2)),
        SignatureVerifier.SIMPLE);
    registrationCase("invalid_key_in_another_group", Outcome.rejectedBy("KEY_IN_USE"), s, f.registration(s, v, 1,
        List.of(EdvtFixtures.freshKey(1), EdvtFixtures.freshKey(5))));
    {
      MutableBeaconState st = states.withBalance(v, 2);
      List<BlsSecretKey> members = EdvtFixtures.freshKeys(0, 2);
      List<Bytes48> pubkeys = members.stream().map(k -> k.publicKey().toBytes()).toList();
      registrationCase("invalid_wrong_proof_of_possession", Outcome.rejectedBy("INVALID_PROOF_OF_POSSESSION"),
          st, f.registration(st, v, 2, pubkeys,
          List.of(f.proof(st, members.get(0), v), f.proof(st, members.get(0), v)), EdvtFixtures.ownKey(v)));
      st = states.withBalance(v, 2);
      registrationCase("invalid_proof_bound_to_another_validator", Outcome.rejectedBy("INVALID_PROOF_OF_POSSESSION"),
          st, f.registration(st, v, 2, pubkeys,
          List.of(f.proof(st, members.get(0), v), f.proof(st, members.get(1), v + 1)), EdvtFixtures.ownKey(v)));
      st = states.withBalance(v, 2);
      List<Bytes> proofs = List.of(f.proof(st, members.get(0), v), f.proof(st, members.get(1), v));
      registrationCase("invalid_not_signed_by_own_key", Outcome.rejectedBy("INVALID_SIGNATURE"),
          st, f.registration(st, v, 2, pubkeys, proofs, members.get(0)));
    }
    s = states.withBalance(v, 2);
    registrationCase("invalid_insufficient_balance", Outcome.rejectedBy("INSUFFICIENT_BALANCE"),
        s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 3)));
    s = states.withBalance(v, 2);
    s.validators().set(v, s.validators().get(v).withActivationEpoch(UInt64.valueOf(1000)));
    registrationCase("invalid_validator_not_active", Outcome.rejectedBy("VALIDATOR_NOT_ACTIVE"),
        s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 2)));
    s = states.withBalance(v, 2);
    s.validators().set(v, s.validators().get(v).withSlashed(true));
    registrationCase("invalid_validator_slashed", Outcome.rejectedBy("VALIDATOR_SLASHED"),
        s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 2)));
    s = states.withBalance(v, 2);
    s.validators().set(v, s.validators().get(v).withExitEpoch(UInt64.valueOf(100)));
    registrationCase("invalid_validator_exiting", Outcome.rejectedBy("VALIDATOR_EXITING"),
        s, f.registration(s, v, 2, EdvtFixtures.freshKeys(0, 2)));
    s = states.opState();
    registrationCase("invalid_unknown_validator", Outcome.rejectedBy("UNKNOWN_VALIDATOR"), s, f.registration(s, 64, 1,
        List.of(EdvtFixtures.freshKey(0).publicKey().toBytes()), List.of(f.proof(s, EdvtFixtures.freshKey(0), 64)),
        EdvtFixtures.freshKey(50)));
    s = states.withBalance(v, 4);
    edvt.blockProcessor().processGroupRegistration(s, f.registration(s, v, 1, EdvtFixtures.freshKeys(0, 2)),
        SignatureVerifier.SIMPLE);
    registrationCase("invalid_already_in_group", Outcome.rejectedBy("ALREADY_IN_GROUP"),
        s, f.registration(s, v, 1, EdvtFixtures.freshKeys(10, 2)));
  }
}
