package io.edvt.networking.eth2.edvt;

import io.edvt.infrastructure.crypto.bls.BlsException;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.AggregateAndProofValidator;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.edvt.logic.BeaconStateAccessorsEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.versions.fulu.SpecFulu;

/**
 * {@code beacon_aggregate_and_proof} (modified in EDVT): committees are expanded, the aggregator is
 * a member named by its virtual index (selected over the expanded committee, EDVT's
 * {@code is_aggregator}), and its selection proof and signature are made with that member's key.
 */
public class AggregateAndProofValidatorEdvt extends AggregateAndProofValidator {
  private final EdvtRules rules;

  public AggregateAndProofValidatorEdvt(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  @Override
  public ValidationResult validate(BeaconState state, SignedAggregateAndProof signed, long nowMs) {
    return super.validate(rules.edvtState(state), signed, nowMs);
  }

  private BeaconStateAccessorsEdvt accessors() {
    return rules.spec().accessors();
  }

  @Override
  protected long[] committee(SpecFulu spec, MutableBeaconState view, UInt64 slot, int index) {
    return accessors().getExpandedBeaconCommittee(view, slot, index);
  }

  @Override
  protected String bitsLengthReason() {
    return "aggregation bits length does not match expanded committee size";
  }

  @Override
  protected String notSelectedReason() {
    return "member is not selected as aggregator";
  }

  @Override
  protected String notInCommitteeReason() {
    return "aggregator index not in expanded committee";
  }

  @Override
  protected int attestingCount(SpecFulu spec, MutableBeaconState view, Attestation aggregate) {
    return accessors().getVirtualAttestingIndices(view, aggregate).size();
  }

  @Override
  protected BlsPublicKey aggregatorPubkey(SpecFulu spec, MutableBeaconState view, long aggregatorIndex, UInt64 epoch) {
    return accessors().virtualPublicKey(view, aggregatorIndex, epoch).orElseThrow(() ->
        new IllegalStateException("a member of the expanded committee has no key: " + aggregatorIndex));
  }

  @Override
  protected boolean isValidAggregateSignature(SpecFulu spec, MutableBeaconState view, Attestation aggregate) {
    try {
      return accessors().isValidIndexedAttestation(view, accessors().getIndexedAttestation(view, aggregate),
          SignatureVerifier.SIMPLE);
    } catch (BlsException e) {
      return false;
    }
  }
}
