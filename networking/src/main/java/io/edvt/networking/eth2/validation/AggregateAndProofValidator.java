package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.AggregateAndProof;
import io.edvt.spec.datastructures.validator.SignedAggregateAndProof;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code beacon_aggregate_and_proof}: Electra's {@code validate_beacon_aggregate_and_proof_gossip}
 * (unchanged in Fulu). EDVT overrides the committee (expanded), who the aggregator is (a member,
 * by virtual index), its key, and the aggregate's attesters, with its own wording of those rules.
 */
public class AggregateAndProofValidator extends TopicValidator {
  public AggregateAndProofValidator(GossipContext ctx) {
    super(ctx);
  }

  public ValidationResult validate(BeaconState state, SignedAggregateAndProof signed, long nowMs) {
    SpecFulu spec = spec(state);
    MutableBeaconState view = view(state);
    AggregateAndProof aggregateAndProof = signed.message();
    Attestation aggregate = aggregateAndProof.aggregate();
    AttestationData data = aggregate.data();
    SszBits aggregationBits = aggregate.aggregationBits();

    if (!data.index().equals(UInt64.ZERO)) {
      return reject("aggregate data index is non-zero");
    }
    List<Integer> committeeIndices = spec.accessors().getCommitteeIndices(aggregate.committeeBits());
    if (committeeIndices.size() != 1) {
      return reject("aggregate committee bits must specify exactly one committee");
    }
    int index = committeeIndices.getFirst();
    UInt64 targetEpoch = data.target().epoch();
    // the slot's epoch, not the target's: a target that does not match its slot is a REJECT below
    UInt64 slotEpoch = spec.misc().computeEpochAtSlot(data.slot());
    if (!knowsCommitteesOf(spec, state, slotEpoch)) {
      return ignore("aggregate's epoch " + slotEpoch + " is beyond our head's committees (syncing)");
    }
    int committeeCount = spec.accessors().getCommitteeCountPerSlot(view, targetEpoch);
    if (index >= committeeCount) {
      return reject("committee index out of range");
    }
    if (!ctx.isNotFromFutureSlot(state, data.slot(), nowMs)) {
      return ignore("aggregate slot is from a future slot");
    }
    UInt64 attestationEpoch = spec.misc().computeEpochAtSlot(data.slot());
    if (!ctx.isCurrentOrPreviousEpoch(state, attestationEpoch, nowMs)) {
      return ignore("aggregate epoch is not current or previous epoch");
    }
    if (!targetEpoch.equals(attestationEpoch)) {
      return reject("attestation epoch does not match target epoch");
    }
    long[] committee = committee(spec, view, data.slot(), index);
    if (aggregationBits.length() != committee.length) {
      return reject(bitsLengthReason());
    }
    if (attestingCount(spec, view, aggregate) < 1) {
      return reject("aggregate has no participants");
    }
    SeenCaches.RootKey cacheKey = new SeenCaches.RootKey(data.hashTreeRoot(), index);
    if (SeenCaches.isNonStrictSuperset(ctx.seen().aggregateDataRoots, cacheKey, aggregationBits)) {
      return ignore("already seen aggregate for this data");
    }
    long aggregatorIndex = aggregateAndProof.aggregatorIndex().longValue();
    SeenCaches.Pair aggregatorKey = new SeenCaches.Pair(aggregatorIndex, targetEpoch.longValue());
    if (ctx.seen().aggregatorEpochs.contains(aggregatorKey)) {
      return ignore("already seen aggregate from this aggregator for this epoch");
    }
    if (!helpers(spec).isAggregator(committee.length, aggregateAndProof.selectionProof())) {
      return reject(notSelectedReason());
    }
    if (!contains(committee, aggregateAndProof.aggregatorIndex())) {
      return reject(notInCommitteeReason());
    }
    BlsPublicKey aggregatorKeyBls = aggregatorPubkey(spec, view, aggregatorIndex, targetEpoch);
    Bytes32 selectionDomain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_SELECTION_PROOF, targetEpoch);
    if (!GossipContext.verify(aggregatorKeyBls, spec.misc().computeSigningRoot(data.slot(), selectionDomain),
        aggregateAndProof.selectionProof())) {
      return reject("invalid selection proof signature");
    }
    Bytes32 aggregateDomain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_AGGREGATE_AND_PROOF, targetEpoch);
    if (!GossipContext.verify(aggregatorKeyBls, spec.misc().computeSigningRoot(aggregateAndProof.hashTreeRoot(),
        aggregateDomain), signed.signature())) {
      return reject("invalid aggregator signature");
    }
    if (!isValidAggregateSignature(spec, view, aggregate)) {
      return reject("invalid aggregate signature");
    }
    Bytes32 blockRoot = data.beaconBlockRoot();
    if (ctx.chain().block(blockRoot).isEmpty()) {
      return ignore("block being voted for has not been seen");
    }
    if (!ctx.chain().isValidated(blockRoot)) {
      return reject("block being voted for failed validation");
    }
    Optional<Bytes32> targetBlock = ctx.chain().checkpointBlock(blockRoot, targetEpoch, spec.config().slotsPerEpoch());
    if (!targetBlock.map(data.target().root()::equals).orElse(false)) {
      return reject("target block is not an ancestor of LMD vote block");
    }
    if (!ctx.finalizedIsAncestorOf(blockRoot)) {
      return ignore("finalized checkpoint is not an ancestor of block");
    }
    if (!SeenCaches.mark(ctx.seen().aggregatorEpochs, aggregatorKey)) {
      return ignore("already seen aggregate from this aggregator for this epoch");
    }
    SeenCaches.addBits(ctx.seen().aggregateDataRoots, cacheKey, data.slot().longValue(), aggregationBits);
    return ValidationResult.ACCEPT;
  }

  static boolean contains(long[] committee, UInt64 index) {
    for (long i : committee) {
      if (UInt64.fromLongBits(i).equals(index)) {
        return true;
      }
    }
    return false;
  }

  /** {@code get_beacon_committee} (EDVT: {@code get_expanded_beacon_committee}). */
  protected long[] committee(SpecFulu spec, MutableBeaconState view, UInt64 slot, int index) {
    int[] c = spec.accessors().getBeaconCommittee(view, slot, index);
    long[] out = new long[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i];
    }
    return out;
  }

  protected String bitsLengthReason() {
    return "aggregation bits length does not match committee size";
  }

  protected String notSelectedReason() {
    return "validator is not selected as aggregator";
  }

  protected String notInCommitteeReason() {
    return "aggregator index not in committee";
  }

  /** {@code len(get_attesting_indices(state, aggregate))}. */
  protected int attestingCount(SpecFulu spec, MutableBeaconState view, Attestation aggregate) {
    return spec.accessors().getAttestingIndices(view, aggregate).size();
  }

  /** The aggregator's key ({@code state.validators[aggregator_index].pubkey}; EDVT: the member's key). */
  protected BlsPublicKey aggregatorPubkey(SpecFulu spec, MutableBeaconState view, long aggregatorIndex, UInt64 epoch) {
    int i = (int) aggregatorIndex; // within the committee, so a validator index
    return PubkeyIndex.of(view).publicKey(i, view.validators().get(i).pubkey());
  }

  /** {@code is_valid_indexed_attestation(state, get_indexed_attestation(state, aggregate))}. */
  protected boolean isValidAggregateSignature(SpecFulu spec, MutableBeaconState view, Attestation aggregate) {
    try {
      return spec.accessors().isValidIndexedAttestation(view, spec.accessors().getIndexedAttestation(view, aggregate),
          SignatureVerifier.SIMPLE);
    } catch (io.edvt.infrastructure.crypto.bls.BlsException e) {
      return false; // a signature that is not a G2 point: bls.FastAggregateVerify is False
    }
  }
}
