package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Optional;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code sync_committee_{subnet_id}}: Altair's {@code validate_sync_committee_message_gossip},
 * unchanged through Fulu. EDVT overrides {@link #signerKey} (a virtual index names a member's key)
 * and the wording of the rules that name the signer.
 */
public class SyncCommitteeMessageValidator extends TopicValidator {
  public SyncCommitteeMessageValidator(GossipContext ctx) {
    super(ctx);
  }

  public ValidationResult validate(BeaconState state, SyncCommitteeMessage message, long subnetId, long nowMs) {
    SpecFulu spec = spec(state);
    if (!ctx.isCurrentSlot(state, message.slot(), nowMs)) {
      return ignore("message is not for the current slot");
    }
    MutableBeaconState view = view(state);
    Optional<Bytes48> key = signerKey(spec, view, message.validatorIndex());
    if (key.isEmpty()) {
      return reject(unknownSignerReason());
    }
    Set<Long> subnets = helpers(spec).computeSubnetsForSyncCommittee(state, key.get());
    if (!subnets.contains(subnetId)) {
      return reject(wrongSubnetReason());
    }
    SeenCaches.Triple seenKey = new SeenCaches.Triple(message.slot().longValue(), message.validatorIndex().longValue(),
        subnetId);
    if (ctx.seen().syncMessageValidatorSlots.contains(seenKey)) {
      return ignore(alreadySeenReason());
    }
    UInt64 epoch = spec.misc().computeEpochAtSlot(message.slot());
    Bytes32 domain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_SYNC_COMMITTEE, epoch);
    if (!GossipContext.verify(key.get(), spec.misc().computeSigningRoot(message.beaconBlockRoot(), domain),
        message.signature())) {
      return reject("invalid sync committee message signature");
    }
    if (!SeenCaches.mark(ctx.seen().syncMessageValidatorSlots, seenKey)) {
      return ignore(alreadySeenReason());
    }
    return ValidationResult.ACCEPT;
  }

  /** The key that signs for {@code index} (Fulu: the validator's; empty if the index is out of range). */
  protected Optional<Bytes48> signerKey(SpecFulu spec, MutableBeaconState view, UInt64 index) {
    if (!index.isLessThan(view.validators().size())) {
      return Optional.empty();
    }
    return Optional.of(view.validators().get(index.intValue()).pubkey());
  }

  protected String unknownSignerReason() {
    return "validator index out of range";
  }

  protected String wrongSubnetReason() {
    return "subnet_id is not valid for the validator";
  }

  protected String alreadySeenReason() {
    return "already seen message from this validator for this slot and subnet";
  }
}
