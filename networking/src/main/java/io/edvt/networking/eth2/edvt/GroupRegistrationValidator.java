package io.edvt.networking.eth2.edvt;

import io.edvt.groups.GroupDomains;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.TopicValidator;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.datastructures.groups.GroupRegistration;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupRegistration;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.HashSet;
import java.util.List;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * {@code group_registration} (new in EDVT): {@code validate_group_registration_gossip}. The
 * own-key signature is checked before the proofs of possession, and the validator is marked seen
 * for the epoch as soon as it is valid, so only the holder of a validator key can make nodes check
 * up to 16 proofs, at most once per epoch.
 */
public class GroupRegistrationValidator extends TopicValidator {
  private final EdvtRules rules;

  public GroupRegistrationValidator(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  public ValidationResult validate(BeaconState headState, SignedGroupRegistration signed) {
    BeaconState state = rules.edvtState(headState);
    SpecEdvt spec = rules.spec();
    MutableBeaconState view = view(state);
    GroupRegistration registration = signed.message();
    UInt64 validatorIndex = registration.validatorIndex();
    UInt64 currentEpoch = spec.accessors().getCurrentEpoch(view);
    SeenCaches.Pair seenKey = new SeenCaches.Pair(validatorIndex.longValue(), currentEpoch.longValue());
    if (ctx.seen().groupRegistrationEpochs.contains(seenKey)) {
      return ignore("already seen a registration for this validator in this epoch");
    }
    if (!validatorIndex.isLessThan(state.validators().size())) {
      return reject("validator index out of range");
    }
    long vi = validatorIndex.longValue();
    Validator validator = view.validators().get((int) vi);
    if (!spec.predicates().isActiveValidator(validator, currentEpoch)) {
      return reject("validator is not active");
    }
    if (validator.slashed()) {
      return reject("validator is slashed");
    }
    if (!validator.exitEpoch().equals(SpecConstants.FAR_FUTURE_EPOCH)) {
      return reject("validator has already initiated exit");
    }
    if (spec.registry().getGroupIndex(view, vi).isPresent()) {
      return reject("validator already has a group");
    }
    int members = registration.pubkeys().size();
    UInt64 threshold = registration.threshold();
    if (threshold.isLessThan(1) || threshold.isGreaterThan(UInt64.valueOf(members))) {
      return reject("invalid threshold");
    }
    if (registration.proofsOfPossession().size() != members) {
      return reject("proof count does not match key count");
    }
    if (validator.effectiveBalance().isLessThan(spec.config().minActivationBalance().times(members))) {
      return reject("effective balance too low for the group size");
    }
    List<Bytes48> keys = registration.pubkeys().asList();
    if (new HashSet<>(keys).size() != members) {
      return reject("duplicate keys");
    }
    for (Bytes48 key : keys) {
      if (rules.groupOperations().isPubkeyInUse(view, key)) {
        return reject("key already in use");
      }
    }
    Bytes32 domain = spec.accessors().getDomain(view, GroupDomains.DOMAIN_GROUP_REGISTRATION, null);
    if (!GossipContext.verify(validator.pubkey(), spec.misc().computeSigningRoot(registration.hashTreeRoot(), domain),
        signed.signature())) {
      return reject("invalid registration signature");
    }
    if (!SeenCaches.mark(ctx.seen().groupRegistrationEpochs, seenKey)) {
      return ignore("already seen a registration for this validator in this epoch");
    }
    for (int i = 0; i < members; i++) {
      Bytes proof = registration.proofsOfPossession().get(i);
      boolean valid;
      try {
        valid = rules.groupOperations().isValidGroupKeyProof(view, vi, keys.get(i), proof, SignatureVerifier.SIMPLE);
      } catch (RuntimeException e) {
        valid = false; // a key or proof that is not a curve point
      }
      if (!valid) {
        return reject("invalid proof of possession");
      }
    }
    return ValidationResult.ACCEPT;
  }
}
