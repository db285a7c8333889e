package io.edvt.reftests.generator;

import io.edvt.infrastructure.crypto.bls.BlsSecretKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code operations/group_key_change}: validator 3's 2-of-3 group replaces, removes and adds members
 * and changes its threshold, and key changes every rule of {@code process_group_key_change} refuses.
 */
final class GroupKeyChangeCases {
  private final OperationCases ops;
  private final EdvtStates states;
  private final EdvtFixtures f;
  private final SpecEdvt edvt;
  private final SpecConfig config;
  private final int slotsPerEpoch;

  GroupKeyChangeCases(OperationCases ops, EdvtStates states) {
    this.ops = ops;
    this.states = states;
    this.f = states.fixtures();
    this.edvt = states.edvt();
    this.config = states.config();
    this.slotsPerEpoch = states.slotsPerEpoch();
  }

  void all() {
    groupKeyChange();
  }

  private static final int KC_V = 3;
  private static final List<BlsSecretKey> KC_MEMBERS = EdvtFixtures.freshKeys(20, 3);

  /** Validator 3 registered (2 of 3) at epoch 2; the state moved to the epoch its members take over. */
  private MutableBeaconState groupInForce(long inForce) {
    MutableBeaconState state = states.withBalance(KC_V, 4);
    edvt.blockProcessor().processGroupRegistration(state, f.registration(state, KC_V, 2, KC_MEMBERS),
        SignatureVerifier.SIMPLE);
    state.setSlot(UInt64.valueOf(inForce * slotsPerEpoch));
    return state;
  }

  private long inForceEpoch() {
    MutableBeaconState state = groupInForce(0);
    BeaconStateEdvt s = EdvtStates.edvtState(state.commit());
    var keySets = s.groups().get(0).keySets();
    return keySets.get(keySets.size() - 1).activationEpoch().longValue();
  }

  private GroupKeyChange replace(MutableBeaconState state, long epoch, int member, BlsSecretKey key, int threshold) {
    return GroupKeyChange.create(UInt64.valueOf(KC_V), UInt64.valueOf(epoch), UInt64.valueOf(member),
        key.publicKey().toBytes(), f.proof(state, key, KC_V), UInt64.valueOf(threshold));
  }

  private GroupKeyChange withoutKey(long epoch, int member, int threshold) {
    return GroupKeyChange.create(UInt64.valueOf(KC_V), UInt64.valueOf(epoch), UInt64.valueOf(member),
        Bytes48.ZERO, Bytes.wrap(new byte[96]), UInt64.valueOf(threshold));
  }

  private void keyChangeCase(String name, Outcome expected, MutableBeaconState state, SignedGroupKeyChange op) {
    ops.write("group_key_change", "group_key_change", name, state, op.serialize(),
        work -> edvt.blockProcessor().processGroupKeyChange(work, op, SignatureVerifier.SIMPLE), expected);
  }

  /** A new key set is added to validator 3's group, {@code threshold} of {@code keys}. */
  private static Outcome addsKeySet(String what, int threshold, List<BlsSecretKey> keys) {
    List<Bytes48> pubkeys = keys.stream().map(k -> k.publicKey().toBytes()).toList();
    return Outcome.accepted("a new key set of validator 3: " + what, (pre, post) ->
        keySetCount(post) == keySetCount(pre) + 1 && GroupEffects.latestKeySet(post, KC_V)
            .filter(k -> k.threshold().longValue() == threshold && k.pubkeys().asList().equals(pubkeys)).isPresent());
  }

  private static int keySetCount(BeaconState state) {
    return GroupEffects.group(state, KC_V).orElseThrow().keySets().size();
  }

  /** The members' keys with {@code member} replaced by {@code key} (appended when it is one past the last). */
  private static List<BlsSecretKey> with(int member, BlsSecretKey key) {
    List<BlsSecretKey> out = new ArrayList<>(KC_MEMBERS);
    if (member == out.size()) {
      out.add(key);
    } else {
      out.set(member, key);
    }
    return out;
  }

  private static List<BlsSecretKey> without(int member) {
    List<BlsSecretKey> out = new ArrayList<>(KC_MEMBERS);
    out.remove(member);
    return out;
  }

  private void groupKeyChange() {
    long e = inForceEpoch();
    MutableBeaconState s;
    s = groupInForce(e);
    keyChangeCase("valid_replace_member_threshold_signers", addsKeySet("member 1 replaced", 2, with(1, EdvtFixtures.freshKey(30))),
        s,
        f.keyChange(s, replace(s, e, 1, EdvtFixtures.freshKey(30), 2), KC_MEMBERS, 0, 2));
    s = groupInForce(e);
    keyChangeCase("valid_all_members_sign", addsKeySet("member 0 replaced", 2, with(0, EdvtFixtures.freshKey(31))), s,
        f.keyChange(s, replace(s, e, 0, EdvtFixtures.freshKey(31), 2), KC_MEMBERS, 0, 1, 2));
    s = groupInForce(e);
    keyChangeCase("valid_remove_member", addsKeySet("member 0 removed", 2, without(0)),
        s, f.keyChange(s, withoutKey(e, 0, 2), KC_MEMBERS, 1, 2));
    s = groupInForce(e);
    keyChangeCase("valid_threshold_only", addsKeySet("the same keys, threshold 3", 3, KC_MEMBERS),
        s, f.keyChange(s, withoutKey(e, 3, 3), KC_MEMBERS, 0, 2));
    s = groupInForce(e);
    keyChangeCase("invalid_m_minus_1_signers", Outcome.rejectedBy("TOO_FEW_SIGNERS"), s,
        f.keyChange(s, replace(s, e, 1, EdvtFixtures.freshKey(30), 2), KC_MEMBERS, 2));
    s = groupInForce(e);
    keyChangeCase("invalid_wrong_keys", Outcome.rejectedBy("NOT_AUTHORISED: INVALID_SIGNATURE"), s,
        f.keyChange(s, replace(s, e, 1, EdvtFixtures.freshKey(30), 2), EdvtFixtures.freshKeys(40, 3), 0, 1));
    s = groupInForce(e);
    edvt.blockProcessor().processGroupKeyChange(s,
        f.keyChange(s, replace(s, e, 1, EdvtFixtures.freshKey(30), 2), KC_MEMBERS, 0, 1), SignatureVerifier.SIMPLE);
    keyChangeCase("invalid_second_change_while_pending", Outcome.rejectedBy("CHANGE_ALREADY_PENDING"),
        s, f.keyChange(s, withoutKey(e, 3, 3), KC_MEMBERS, 0, 1));
    s = groupInForce(e);
    keyChangeCase("invalid_stale_key_set_epoch", Outcome.rejectedBy("STALE_KEY_SET_EPOCH"), s,
        f.keyChange(s, replace(s, 0, 1, EdvtFixtures.freshKey(30), 2), KC_MEMBERS, 0, 1));
    s = groupInForce(e);
    keyChangeCase("invalid_changes_nothing", Outcome.rejectedBy("NO_EFFECT"),
        s, f.keyChange(s, withoutKey(e, 3, 2), KC_MEMBERS, 0, 2));
    s = groupInForce(e);
    keyChangeCase("valid_add_member", addsKeySet("member 3 added", 2, with(3, EdvtFixtures.freshKey(31))), s,
        f.keyChange(s, replace(s, e, 3, EdvtFixtures.freshKey(31), 2), KC_MEMBERS, 0, 1));
    s = groupInForce(e);
    EdvtFixtures.setEffectiveBalance(s, KC_V, config.minActivationBalance().times(3));
    keyChangeCase("invalid_add_member_without_balance", Outcome.rejectedBy("INSUFFICIENT_BALANCE"), s,
        f.keyChange(s, replace(s, e, 3, EdvtFixtures.freshKey(31), 2), KC_MEMBERS, 0, 1));
    s = groupInForce(e);
    keyChangeCase("invalid_new_key_in_use", Outcome.rejectedBy("KEY_IN_USE"),
        s, f.keyChange(s, replace(s, e, 1, KC_MEMBERS.get(2), 2), KC_MEMBERS, 0, 1));
    s = groupInForce(e);
    keyChangeCase("invalid_threshold_zero", Outcome.rejectedBy("THRESHOLD_OUT_OF_RANGE"),
        s, f.keyChange(s, withoutKey(e, 3, 0), KC_MEMBERS, 0, 1));
  }
}
