package io.edvt.networking.eth2.edvt;

import io.edvt.groups.GroupKeySet;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.ChainView;
import io.edvt.networking.eth2.validation.GossipContext;
import io.edvt.networking.eth2.validation.SeenCaches;
import io.edvt.networking.eth2.validation.TopicValidator;
import io.edvt.networking.eth2.validation.ValidationResult;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.datastructures.blocks.BeaconBlockBodyEdvt;
import io.edvt.spec.edvt.datastructures.validator.GroupBlockProposal;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * {@code group_block_proposal} (new in EDVT): {@code validate_group_block_proposal_gossip}. The
 * parent-state checks mirror {@code beacon_block}'s; the leader must be a member of a group key set
 * whose rank may lead ({@code get_max_leader_rank}), inside its turn
 * ({@code get_leader_start_ms}, {@code get_leader_deadline_ms}, with the clock disparity), and its
 * signature over the block valid. At most {@code get_max_leader_rank(n, m) + 1} proposals pass per
 * slot.
 */
public class GroupBlockProposalValidator extends TopicValidator {
  private final EdvtRules rules;

  public GroupBlockProposalValidator(GossipContext ctx, EdvtRules rules) {
    super(ctx);
    this.rules = rules;
  }

  public ValidationResult validate(BeaconState headState, GroupBlockProposal proposal, long nowMs) {
    BeaconState state = rules.edvtState(headState);
    SpecEdvt spec = rules.spec();
    BeaconBlock block = proposal.block();
    if (!(block.body() instanceof BeaconBlockBodyEdvt body)) {
      return reject("proposal is not an EDVT block");
    }
    UInt64 leaderIndex = body.randaoMemberIndex();
    UInt64 slot = block.slot();
    if (!ctx.isCurrentSlot(state, slot, nowMs)) {
      return ignore("proposal is not for the current slot");
    }
    SeenCaches.Triple leaderKey = new SeenCaches.Triple(slot.longValue(), block.proposerIndex().longValue(),
        leaderIndex.longValue());
    if (ctx.seen().groupBlockProposalLeaders.contains(leaderKey)) {
      return ignore("already seen a proposal from this leader for this slot");
    }
    if (!block.proposerIndex().isLessThan(state.validators().size())) {
      return reject("proposer index out of range");
    }
    Bytes32 parentRoot = block.parentRoot();
    Optional<ChainView.BlockInfo> parent = ctx.chain().block(parentRoot);
    if (parent.isEmpty()) {
      return ignore("proposal's parent has not been seen");
    }
    if (!ctx.chain().isValidated(parentRoot)) {
      return reject("proposal's parent failed validation");
    }
    if (!slot.isGreaterThan(parent.get().slot())) {
      return reject("proposal is not from a higher slot than its parent");
    }
    Optional<BeaconState> parentState = ctx.parentStateAt(parentRoot, slot);
    if (parentState.isEmpty()) {
      return ignore("proposal's parent state is not available");
    }
    MutableBeaconState parentView = view(parentState.get());
    long proposer = block.proposerIndex().longValue();
    if (spec.accessors().getBeaconProposerIndex(parentView) != proposer) {
      return reject("proposal proposer_index does not match expected proposer");
    }
    UInt64 epoch = spec.misc().computeEpochAtSlot(slot);
    Optional<GroupKeySet<Bytes48>> keySet = rules.validatorKeySet(parentView, proposer, epoch);
    if (keySet.isEmpty() || EdvtRules.isOwnKeySet(parentView, proposer, keySet.get())) {
      return reject("proposer has no group key set in force");
    }
    if (!leaderIndex.isLessThan(keySet.get().size())) {
      return reject("leader index out of range");
    }
    int leader = leaderIndex.intValue();
    int[] ranking = spec.accessors().getGroupMemberRanking(parentView, proposer, slot);
    int rank = indexOf(ranking, leader);
    if (rank > rules.turns().maxLeaderRank(keySet.get().size(), keySet.get().threshold())) {
      return reject("leader rank may not lead");
    }
    long slotStart = ctx.timeAtSlotMs(state, slot);
    long disparity = ctx.config().maximumGossipClockDisparity();
    if (nowMs + disparity < slotStart + rules.turns().leaderStartMs(rank)) {
      return ignore("proposal is early for the leader's rank");
    }
    if (nowMs > slotStart + rules.turns().leaderDeadlineMs(rank) + disparity) {
      return ignore("proposal arrived after the leader's turn");
    }
    Bytes32 domain = spec.accessors().getDomain(parentView, SpecConstants.DOMAIN_BEACON_PROPOSER, epoch);
    if (!GossipContext.verify(keySet.get().key(leader), spec.misc().computeSigningRoot(block.hashTreeRoot(), domain),
        proposal.leaderSignature())) {
      return reject("invalid leader signature");
    }
    if (!SeenCaches.mark(ctx.seen().groupBlockProposalLeaders, leaderKey)) {
      return ignore("already seen a proposal from this leader for this slot");
    }
    ctx.seen().groupBlockProposals.put(block.hashTreeRoot(), proposal);
    return ValidationResult.ACCEPT;
  }

  static int indexOf(int[] ranking, int member) {
    for (int i = 0; i < ranking.length; i++) {
      if (ranking[i] == member) {
        return i;
      }
    }
    throw new IllegalArgumentException("member " + member + " is not in the ranking");
  }
}
