package io.edvt.networking.eth2.edvt;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.AttestationValidator;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.versions.fulu.SpecFulu;

/**
 * {@code beacon_attestation_{subnet_id}} (modified in EDVT): {@code attester_index} is a virtual
 * index, checked against the expanded committee, deduplicated per member and target epoch, and
 * the signature is the member's.
 */
public class AttestationValidatorEdvt extends AttestationValidator {
  private final EdvtRules rules;

  public AttestationValidatorEdvt(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  @Override
  public ValidationResult validate(BeaconState state, SingleAttestation attestation, long subnetId, long nowMs) {
    return super.validate(rules.edvtState(state), attestation, subnetId, nowMs);
  }

  @Override
  protected long[] committee(SpecFulu spec, MutableBeaconState view, UInt64 slot, int index) {
    return rules.spec().accessors().getExpandedBeaconCommittee(view, slot, index);
  }

  @Override
  protected String notInCommitteeReason() {
    return "attester is not a member of the expanded committee";
  }

  @Override
  protected String alreadySeenReason() {
    return "already seen attestation from this member for this epoch";
  }

  @Override
  protected BlsPublicKey attesterPubkey(SpecFulu spec, MutableBeaconState view, long attesterIndex, UInt64 epoch) {
    return rules.spec().accessors().virtualPublicKey(view, attesterIndex, epoch).orElseThrow(() ->
        new IllegalStateException("a member of the expanded committee has no key: " + attesterIndex));
  }
}
