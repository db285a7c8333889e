package io.edvt.networking.eth2.edvt;

import io.edvt.groups.GroupDomains;
import io.edvt.groups.GroupKeySet;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.TopicValidator;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.groups.GroupKeyChange;
import io.edvt.spec.edvt.datastructures.groups.SignedGroupKeyChange;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SignatureVerifier;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code group_key_change} (new in EDVT): {@code validate_group_key_change_gossip}. One key change
 * per key set in force, so the seen key is the validator and {@code current_key_set_epoch}, marked
 * as soon as the threshold signature is valid; the remaining conditions of
 * {@code process_group_key_change} are checked on the head state after that.
 */
public class GroupKeyChangeValidator extends TopicValidator {
  private final EdvtRules rules;

  public GroupKeyChangeValidator(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  public ValidationResult validate(BeaconState headState, SignedGroupKeyChange signed) {
    BeaconState state = rules.edvtState(headState);
    SpecEdvt spec = rules.spec();
    MutableBeaconState view = view(state);
    GroupKeyChange change = signed.message();
    UInt64 validatorIndex = change.validatorIndex();
    UInt64 currentEpoch = spec.accessors().getCurrentEpoch(view);
    SeenCaches.Pair seenKey = new SeenCaches.Pair(validatorIndex.longValue(), change.currentKeySetEpoch().longValue());
    if (ctx.seen().groupKeyChangeKeySets.contains(seenKey)) {
      return ignore("already seen a key change for this key set");
    }
    if (!validatorIndex.isLessThan(state.validators().size())) {
      return reject("validator index out of range");
    }
    Optional<Integer> groupIndex = spec.registry().getGroupIndex(view, validatorIndex.longValue());
    if (groupIndex.isEmpty()) {
      return reject("validator has no group");
    }
    Optional<GroupKeySet<Bytes48>> current = spec.registry().getGroupKeySet(spec.registry().groups(view)
        .get(groupIndex.get()), currentEpoch);
    if (current.isEmpty() || !change.currentKeySetEpoch().equals(current.get().activationEpoch())) {
      return reject("key change does not refer to the key set in force");
    }
    Bytes32 domain = spec.accessors().getDomain(view, GroupDomains.DOMAIN_GROUP_KEY_CHANGE, null);
    Bytes32 signingRoot = spec.misc().computeSigningRoot(change.hashTreeRoot(), domain);
    if (!rules.isValidThresholdSignature(view, validatorIndex, currentEpoch, signingRoot, signed.signerBits(),
        signed.signature())) {
      return reject("invalid key change threshold signature");
    }
    if (!SeenCaches.mark(ctx.seen().groupKeyChangeKeySets, seenKey)) {
      return ignore("already seen a key change for this key set");
    }
    boolean valid;
    try {
      valid = !rules.groupOperations().validateGroupKeyChange(view(state), signed, SignatureVerifier.SIMPLE).isRejected();
    } catch (RuntimeException e) {
      valid = false; // a key or proof that is not a curve point
    }
    return valid ? ValidationResult.ACCEPT : reject("key change is not valid for the head state");
  }
}
