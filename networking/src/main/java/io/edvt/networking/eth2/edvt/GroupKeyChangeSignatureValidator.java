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
import io.edvt.spec.edvt.datastructures.validator.GroupKeyChangeSignature;
import io.edvt.spec.edvt.logic.SpecEdvt;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code group_key_change_signature} (new in EDVT): {@code validate_group_key_change_signature_gossip},
 * one member's signature over its group's key change, at most one per member, validator and
 * epoch, until an assembled change of that key set has been seen on {@code group_key_change}.
 */
public class GroupKeyChangeSignatureValidator extends TopicValidator {
  private final EdvtRules rules;

  public GroupKeyChangeSignatureValidator(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  public ValidationResult validate(BeaconState headState, GroupKeyChangeSignature signature) {
    BeaconState state = rules.edvtState(headState);
    SpecEdvt spec = rules.spec();
    MutableBeaconState view = view(state);
    GroupKeyChange change = signature.message();
    UInt64 validatorIndex = change.validatorIndex();
    UInt64 currentEpoch = spec.accessors().getCurrentEpoch(view);
    SeenCaches.Triple seenKey = new SeenCaches.Triple(validatorIndex.longValue(), signature.memberIndex().longValue(),
        currentEpoch.longValue());
    if (ctx.seen().groupKeyChangeSignatureMembers.contains(seenKey)) {
      return ignore("already seen a key change signature of this member this epoch");
    }
    if (ctx.seen().groupKeyChangeKeySets.contains(new SeenCaches.Pair(validatorIndex.longValue(),
        change.currentKeySetEpoch().longValue()))) {
      return ignore("already seen a key change for this key set");
    }
    if (!validatorIndex.isLessThan(state.validators().size())) {
      return reject("validator index out of range");
    }
    Optional<Integer> groupIndex = spec.registry().getGroupIndex(view, validatorIndex.longValue());
    if (groupIndex.isEmpty()) {
      return reject("validator has no group");
    }
    Optional<GroupKeySet<Bytes48>> keySet = spec.registry().getGroupKeySet(spec.registry().groups(view)
        .get(groupIndex.get()), currentEpoch);
    if (keySet.isEmpty() || !change.currentKeySetEpoch().equals(keySet.get().activationEpoch())) {
      return reject("key change does not refer to the key set in force");
    }
    if (!signature.memberIndex().isLessThan(keySet.get().size())) {
      return reject("member index out of range");
    }
    Bytes32 domain = spec.accessors().getDomain(view, GroupDomains.DOMAIN_GROUP_KEY_CHANGE, null);
    if (!GossipContext.verify(keySet.get().key(signature.memberIndex().intValue()),
        spec.misc().computeSigningRoot(change.hashTreeRoot(), domain), signature.signature())) {
      return reject("invalid member key change signature");
    }
    if (!SeenCaches.mark(ctx.seen().groupKeyChangeSignatureMembers, seenKey)) {
      return ignore("already seen a key change signature of this member this epoch");
    }
    return ValidationResult.ACCEPT;
  }
}
