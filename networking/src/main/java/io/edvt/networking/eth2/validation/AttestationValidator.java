package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.SingleAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * {@code beacon_attestation_{subnet_id}}: Electra's {@code validate_beacon_attestation_gossip} for
 * {@code SingleAttestation} (unchanged in Fulu). EDVT overrides the committee (expanded), the
 * attester's key (the member's, by virtual index) and its wording of those rules.
 */
public class AttestationValidator extends TopicValidator {
  public AttestationValidator(GossipContext ctx) {
    super(ctx);
  }

  public ValidationResult validate(BeaconState state, SingleAttestation attestation, long subnetId, long nowMs) {
    SpecFulu spec = spec(state);
    MutableBeaconState view = view(state);
    AttestationData data = attestation.data();
    UInt64 committeeIndex = attestation.committeeIndex();
    UInt64 attesterIndex = attestation.attesterIndex();
    UInt64 targetEpoch = data.target().epoch();

    if (!data.index().equals(UInt64.ZERO)) {
      return reject("attestation data index is non-zero");
    }
    // the slot's epoch, not the target's: a target that does not match its slot is a REJECT below
    UInt64 slotEpoch = spec.misc().computeEpochAtSlot(data.slot());
    if (!knowsCommitteesOf(spec, state, slotEpoch)) {
      return ignore("attestation's epoch " + slotEpoch + " is beyond our head's committees (syncing)");
    }
    int committeesPerSlot = spec.accessors().getCommitteeCountPerSlot(view, targetEpoch);
    if (!committeeIndex.isLessThan(committeesPerSlot)) {
      return reject("committee index out of range");
    }
    if (helpers(spec).computeSubnetForAttestation(committeesPerSlot, data.slot(), committeeIndex) != subnetId) {
      return reject("attestation is for wrong subnet");
    }
    if (!ctx.isNotFromFutureSlot(state, data.slot(), nowMs)) {
      return ignore("attestation slot is from a future slot");
    }
    UInt64 attestationEpoch = spec.misc().computeEpochAtSlot(data.slot());
    if (!ctx.isCurrentOrPreviousEpoch(state, attestationEpoch, nowMs)) {
      return ignore("attestation epoch is not current or previous epoch");
    }
    if (!targetEpoch.equals(attestationEpoch)) {
      return reject("attestation epoch does not match target epoch");
    }
    long[] committee = committee(spec, view, data.slot(), committeeIndex.intValue());
    if (!AggregateAndProofValidator.contains(committee, attesterIndex)) {
      return reject(notInCommitteeReason());
    }
    SeenCaches.Pair seenKey = new SeenCaches.Pair(attesterIndex.longValue(), targetEpoch.longValue());
    if (ctx.seen().attestationValidatorEpochs.contains(seenKey)) {
      return ignore(alreadySeenReason());
    }
    BlsPublicKey key = attesterPubkey(spec, view, attesterIndex.longValue(), targetEpoch);
    Bytes32 domain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_BEACON_ATTESTER, targetEpoch);
    if (!GossipContext.verify(key, spec.misc().computeSigningRoot(data.hashTreeRoot(), domain), attestation.signature())) {
      return reject("invalid attestation signature");
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
    if (!SeenCaches.mark(ctx.seen().attestationValidatorEpochs, seenKey)) {
      return ignore(alreadySeenReason());
    }
    return ValidationResult.ACCEPT;
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

  protected String notInCommitteeReason() {
    return "attester is not a member of the committee";
  }

  protected String alreadySeenReason() {
    return "already seen attestation from this validator for this epoch";
  }

  /** {@code state.validators[attester_index].pubkey} (EDVT: {@code get_virtual_pubkey}). */
  protected BlsPublicKey attesterPubkey(SpecFulu spec, MutableBeaconState view, long attesterIndex, UInt64 epoch) {
    int i = (int) attesterIndex; // in the committee, so a validator index
    return PubkeyIndex.of(view).publicKey(i, view.validators().get(i).pubkey());
  }
}
