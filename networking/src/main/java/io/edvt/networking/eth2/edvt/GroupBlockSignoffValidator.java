package io.edvt.networking.eth2.edvt;

import io.edvt.groups.GroupKeySet;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.TopicValidator;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockSignoff;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code group_block_signoff} (new in EDVT): {@code validate_group_block_signoff_gossip}. A
 * sign-off names only a block root, so its slot, proposer and leader are read from the proposal
 * seen on {@code group_block_proposal}; the member must be in the key set in force, ranked after
 * the leader, and its signature over the root valid. The head state is advanced to the proposal's
 * epoch when it is behind, for the ranking's seed.
 */
public class GroupBlockSignoffValidator extends TopicValidator {
  private final EdvtRules rules;

  public GroupBlockSignoffValidator(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  public ValidationResult validate(BeaconState headState, GroupBlockSignoff signoff, long nowMs) {
    GroupBlockProposal proposal = ctx.seen().groupBlockProposals.get(signoff.blockRoot());
    if (proposal == null) {
      return ignore("proposal of the signed block has not been seen");
    }
    BeaconState state = rules.edvtState(headState);
    SpecEdvt spec = rules.spec();
    BeaconBlock block = proposal.block();
    UInt64 slot = block.slot();
    if (!ctx.isCurrentSlot(state, slot, nowMs)) {
      return ignore("sign-off is not for the current slot");
    }
    long proposer = block.proposerIndex().longValue();
    SeenCaches.Triple memberKey = new SeenCaches.Triple(slot.longValue(), proposer, signoff.memberIndex().longValue());
    if (ctx.seen().groupBlockSignoffMembers.contains(memberKey)) {
      return ignore("already seen a sign-off from this member for this slot");
    }
    UInt64 epoch = spec.misc().computeEpochAtSlot(slot);
    if (spec.misc().computeEpochAtSlot(state.slot()).isLessThan(epoch)) {
      state = spec.stateTransition().processSlots(state, spec.misc().computeStartSlotAtEpoch(epoch));
    }
    MutableBeaconState view = view(state);
    Optional<GroupKeySet<Bytes48>> keySet = rules.validatorKeySet(view, proposer, epoch);
    if (keySet.isEmpty() || !signoff.memberIndex().isLessThan(keySet.get().size())) {
      return reject("member index out of range");
    }
    int member = signoff.memberIndex().intValue();
    int[] ranking = spec.accessors().getGroupMemberRanking(view, proposer, slot);
    int leader = ((BeaconBlockBodyEdvt) block.body()).randaoMemberIndex().intValue();
    if (GroupBlockProposalValidator.indexOf(ranking, member) <= GroupBlockProposalValidator.indexOf(ranking, leader)) {
      return reject("member is not ranked after the leader");
    }
    Bytes32 domain = spec.accessors().getDomain(view, SpecConstants.DOMAIN_BEACON_PROPOSER, epoch);
    if (!GossipContext.verify(keySet.get().key(member), spec.misc().computeSigningRoot(signoff.blockRoot(), domain),
        signoff.signature())) {
      return reject("invalid sign-off signature");
    }
    if (!SeenCaches.mark(ctx.seen().groupBlockSignoffMembers, memberKey)) {
      return ignore("already seen a sign-off from this member for this slot");
    }
    return ValidationResult.ACCEPT;
  }
}
