package io.edvt.networking.eth2.edvt;

import io.edvt.groups.GroupKeySet;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.TopicValidator;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.operations.VoluntaryExit;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.datastructures.validator.GroupExitSignature;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code group_exit_signature} (new in EDVT): {@code validate_group_exit_signature_gossip}, one
 * member's signature over its group's exit, at most one per member, validator and epoch, until the
 * assembled exit has been seen on {@code voluntary_exit}.
 */
public class GroupExitSignatureValidator extends TopicValidator {
  private final EdvtRules rules;

  public GroupExitSignatureValidator(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  public ValidationResult validate(BeaconState headState, GroupExitSignature signature) {
    BeaconState state = rules.edvtState(headState);
    SpecEdvt spec = rules.spec();
    MutableBeaconState view = view(state);
    VoluntaryExit exit = signature.message();
    UInt64 validatorIndex = exit.validatorIndex();
    UInt64 currentEpoch = spec.accessors().getCurrentEpoch(view);
    SeenCaches.Triple seenKey = new SeenCaches.Triple(validatorIndex.longValue(), signature.memberIndex().longValue(),
        currentEpoch.longValue());
    if (ctx.seen().groupExitSignatureMembers.contains(seenKey)) {
      return ignore("already seen an exit signature of this member this epoch");
    }
    if (ctx.seen().voluntaryExitIndices.contains(validatorIndex.longValue())) {
      return ignore("already seen an exit of this validator");
    }
    if (!validatorIndex.isLessThan(state.validators().size())) {
      return reject("validator index out of range");
    }
    long vi = validatorIndex.longValue();
    Optional<GroupKeySet<Bytes48>> keySet = rules.validatorKeySet(view, vi, currentEpoch);
    if (keySet.isEmpty() || EdvtRules.isOwnKeySet(view, vi, keySet.get())) {
      return reject("validator has no group key set in force");
    }
    Validator validator = view.validators().get((int) vi);
    if (!spec.predicates().isActiveValidator(validator, currentEpoch)) {
      return reject("validator is not active");
    }
    if (!validator.exitEpoch().equals(SpecConstants.FAR_FUTURE_EPOCH)) {
      return reject("validator has already initiated an exit");
    }
    if (!signature.memberIndex().isLessThan(keySet.get().size())) {
      return reject("member index out of range");
    }
    Bytes32 domain = spec.misc().computeDomain(SpecConstants.DOMAIN_VOLUNTARY_EXIT, spec.config().capellaForkVersion(),
        state.genesisValidatorsRoot());
    if (!GossipContext.verify(keySet.get().key(signature.memberIndex().intValue()),
        spec.misc().computeSigningRoot(exit.hashTreeRoot(), domain), signature.signature())) {
      return reject("invalid member exit signature");
    }
    if (!SeenCaches.mark(ctx.seen().groupExitSignatureMembers, seenKey)) {
      return ignore("already seen an exit signature of this member this epoch");
    }
    return ValidationResult.ACCEPT;
  }
}
