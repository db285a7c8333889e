package io.edvt.reftests.generator;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.ArrayList;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code operations/attestation}: a 3-of-4 group in committee 0 attests with exactly the members a
 * case names (virtual indices in the expanded committee), beside plain validators.
 */
final class AttestationCases {
  private final OperationCases ops;
  private final EdvtStates states;
  private final EdvtFixtures f;
  private final SpecEdvt edvt;
  private final SpecConfig config;
  private final int slotsPerEpoch;

  AttestationCases(OperationCases ops, EdvtStates states) {
    this.ops = ops;
    this.states = states;
    this.f = states.fixtures();
    this.edvt = states.edvt();
    this.config = states.config();
    this.slotsPerEpoch = states.slotsPerEpoch();
  }

  void all() {
    attestations();
  }


  /** The head's EDVT successor (slot {@code 2 * SLOTS_PER_EPOCH + 3}) with a 3-of-4 group for committee 0's first validator. */
  private MutableBeaconState attestationState() {
    MutableBeaconState state = new MutableBeaconState(f.edvtAt(2L * slotsPerEpoch + 3));
    int validator = attestationGroupValidator(state);
    EdvtFixtures.setEffectiveBalance(state, validator, config.minActivationBalance().times(4));
    f.addGroup(state, validator, 3, 4);
    return new MutableBeaconState(states.fresh(state.commit()));
  }

  private int attestationGroupValidator(MutableBeaconState state) {
    return edvt.accessors().getBeaconCommittee(state, f.fuluHead().slot(), 0)[0];
  }

  /** An attestation of {@code data}, committee 0, signed by {@code attesters} (virtual indices). */
  private Attestation attestation(MutableBeaconState state, AttestationData data, long... attesters) {
    long[] committee = edvt.accessors().getExpandedBeaconCommittee(state, data.slot(), 0);
    List<Long> signers = new ArrayList<>();
    int[] bits = new int[attesters.length];
    for (int k = 0; k < attesters.length; k++) {
      int position = -1;
      for (int i = 0; i < committee.length; i++) {
        if (committee[i] == attesters[k]) {
          position = i;
        }
      }
      if (position < 0) {
        throw new IllegalStateException("attester " + attesters[k] + " is not in the expanded committee");
      }
      bits[k] = position;
      signers.add(attesters[k]);
    }
    return Attestation.create(edvt.schemas().attestation(), SszBits.withSet(committee.length, bits), data,
        f.signAttestation(state, data, signers), SszBits.withSet(config.maxCommitteesPerSlot(), 0));
  }

  private void attestationCase(String name, Outcome expected, MutableBeaconState state, Attestation op) {
    ops.write("attestation", "attestation", name, state, op.serialize(),
        work -> edvt.blockProcessor().processAttestation(work, op, SignatureVerifier.SIMPLE), expected);
  }

  private static final int TARGET = 1 << SpecConstants.TIMELY_TARGET_FLAG_INDEX;
  private static final int HEAD = 1 << SpecConstants.TIMELY_HEAD_FLAG_INDEX;
  /** The rule an attestation whose signature does not match its signers breaks. */
  private static final String SIGNATURE = "is_valid_indexed_attestation(state, get_indexed_attestation(state, attestation))";

  /** {@code validator} had no flags for the current epoch and has them now. */
  private static boolean earns(BeaconState pre, BeaconState post, int validator) {
    return GroupEffects.currentFlags(pre, validator) == 0 && GroupEffects.currentFlags(post, validator) != 0;
  }

  private static int flags(BeaconState state, int validator) {
    return GroupEffects.currentFlags(state, validator);
  }

  private void attestations() {
    AttestationData data = states.headData();
    MutableBeaconState s = attestationState();
    int v = attestationGroupValidator(s);
    long m0 = f.virtualIndex(v, 0);
    long m1 = f.virtualIndex(v, 1);
    long m2 = f.virtualIndex(v, 2);
    long m3 = f.virtualIndex(v, 3);
    Outcome groupEarnsFlags = Outcome.accepted("the group earns its flags", (pre, post) -> earns(pre, post, v));
    attestationCase("valid_group_reaching_threshold", groupEarnsFlags, s, attestation(s, data, m0, m1, m2));
    s = attestationState();
    attestationCase("valid_group_all_members", groupEarnsFlags, s, attestation(s, data, m0, m1, m2, m3));
    s = attestationState();
    attestationCase("valid_group_m_minus_1_members_no_flags",
        Outcome.accepted("m - 1 members: their votes are recorded, but the group gets no flag",
            (pre, post) -> flags(post, v) == 0 && !post.hashTreeRoot().equals(pre.hashTreeRoot())),
        s, attestation(s, data, m0, m2));
    s = attestationState();
    edvt.blockProcessor().processAttestation(s, attestation(s, data, m0, m2), SignatureVerifier.SIMPLE);
    attestationCase("valid_third_member_completes_threshold", groupEarnsFlags, s, attestation(s, data, m1));
    s = attestationState();
    edvt.blockProcessor().processAttestation(s, attestation(s, data, m0, m1, m2), SignatureVerifier.SIMPLE);
    attestationCase("valid_member_after_threshold",
        Outcome.accepted("a member past m changes none of the group's flags",
            (pre, post) -> flags(pre, v) != 0 && flags(post, v) == flags(pre, v)),
        s, attestation(s, data, m3));
    s = attestationState();
    AttestationData wrongHead = AttestationData.create(data.slot(), data.index(), Bytes32.repeat((byte) 0x5a),
        data.source(), data.target());
    edvt.blockProcessor().processAttestation(s, attestation(s, data, m0, m1), SignatureVerifier.SIMPLE);
    attestationCase("valid_split_head_vote",
        Outcome.accepted("m members agree on the target, not on the head: target flag, no head flag",
            (pre, post) -> (flags(post, v) & TARGET) != 0 && (flags(post, v) & HEAD) == 0),
        s, attestation(s, wrongHead, m2, m3));
    s = attestationState();
    int plain = edvt.accessors().getBeaconCommittee(s, data.slot(), 0)[1];
    attestationCase("valid_group_and_plain_validator",
        Outcome.accepted("the group and the plain validator earn flags",
            (pre, post) -> earns(pre, post, v) && earns(pre, post, plain)),
        s, attestation(s, data, m0, m1, m3, plain));
    s = attestationState();
    attestationCase("valid_plain_validator_only",
        Outcome.accepted("the plain validator earns flags, the group none",
            (pre, post) -> earns(pre, post, plain) && flags(post, v) == 0),
        s, attestation(s, data, plain));
    s = attestationState();
    Attestation honest = attestation(s, data, m0, m1);
    attestationCase("invalid_member_signature_missing", Outcome.rejectedBy(SIGNATURE),
        s, Attestation.create(edvt.schemas().attestation(), SszBits.withSet(honest.aggregationBits().length(), 0, 1, 2),
            data, honest.signature(), honest.committeeBits()));
    s = attestationState();
    int committeeSize = edvt.accessors().getBeaconCommittee(s, data.slot(), 0).length;
    attestationCase("invalid_unexpanded_aggregation_bits", Outcome.rejectedBy("aggregation_bits covers committee"),
        s, Attestation.create(edvt.schemas().attestation(), SszBits.withSet(committeeSize, 0), data,
            f.signAttestation(s, data, List.of(m0)), SszBits.withSet(config.maxCommitteesPerSlot(), 0)));
    s = attestationState();
    Attestation wrongSigners = attestation(s, data, m0, m1);
    attestationCase("invalid_signed_by_other_members", Outcome.rejectedBy(SIGNATURE),
        s, Attestation.create(edvt.schemas().attestation(), wrongSigners.aggregationBits(), data,
            f.signAttestation(s, data, List.of(m2, m3)), wrongSigners.committeeBits()));
    s = attestationState();
    edvt.stateTransition().processSlots(s, UInt64.valueOf(3L * slotsPerEpoch + 1));
    attestationCase("valid_previous_epoch_group",
        Outcome.accepted("the group earns its flags for the previous epoch",
            (pre, post) -> GroupEffects.previousFlags(pre, v) == 0 && GroupEffects.previousFlags(post, v) != 0),
        s, attestation(s, data, m0, m1, m2));
  }
}
