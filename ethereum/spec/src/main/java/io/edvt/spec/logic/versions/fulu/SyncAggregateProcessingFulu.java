package io.edvt.spec.logic.versions.fulu;

import static io.edvt.spec.logic.common.SpecConstants.DOMAIN_SYNC_COMMITTEE;
import static io.edvt.spec.logic.common.SpecConstants.G2_POINT_AT_INFINITY;
import static io.edvt.spec.logic.common.SpecConstants.PROPOSER_WEIGHT;
import static io.edvt.spec.logic.common.SpecConstants.SYNC_REWARD_WEIGHT;
import static io.edvt.spec.logic.common.SpecConstants.WEIGHT_DENOMINATOR;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.blocks.SyncAggregate;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.SyncCommittee;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.SignatureVerifier;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/** The sync committee's aggregate signature over the previous block, and its rewards (Altair). */
public class SyncAggregateProcessingFulu {
  protected final SpecConfig config;
  protected final MiscHelpersFulu misc;
  protected final BeaconStateAccessorsFulu accessors;
  protected final BeaconStateMutatorsFulu mutators;

  /**
   * Cache key of a sync committee's validator indices. The committee's pubkeys map to indices
   * through the registry, which only grows and never re-keys an index, so the answer for one
   * committee holds for every descendant of the state it was computed on.
   */
  private record CommitteeIndicesKey(Bytes32 committeeRoot) {}

  public SyncAggregateProcessingFulu(FuluHelpers helpers) {
    this.config = helpers.config();
    this.misc = helpers.misc();
    this.accessors = helpers.accessors();
    this.mutators = helpers.mutators();
  }

  /** {@code process_sync_aggregate} (Altair). */
  public void processSyncAggregate(MutableBeaconState state, SyncAggregate syncAggregate, SignatureVerifier verifier) {
    SyncCommittee committee = state.currentSyncCommittee();
    List<Bytes48> committeePubkeys = committee.pubkeys().asList();
    SszBits committeeBits = syncAggregate.syncCommitteeBits();
    int participants = committeeBits.count();
    PubkeyIndex keys = PubkeyIndex.of(state);

    // The spec picks the cheapest way to the participants' aggregate key: the committee's
    // precomputed aggregate when everyone took part, otherwise (for more than half) that
    // aggregate minus the non-participants, else the participants' keys. All three give the
    // same point; the verifier sums a key list itself, so only the first case is worth a
    // special path here.
    List<BlsPublicKey> participantPubkeys;
    if (participants == config.syncCommitteeSize()) {
      participantPubkeys = List.of(keys.publicKey(committee.aggregatePubkey()));
    } else {
      participantPubkeys = new ArrayList<>(participants);
      for (int i = 0; i < committeePubkeys.size(); i++) {
        if (committeeBits.get(i)) {
          participantPubkeys.add(keys.publicKey(committeePubkeys.get(i)));
        }
      }
    }
    UInt64 previousSlot = state.slot().max(UInt64.ONE).minus(1);
    Bytes32 domain = accessors.getDomain(state, DOMAIN_SYNC_COMMITTEE, misc.computeEpochAtSlot(previousSlot));
    Bytes32 signingRoot = misc.computeSigningRoot(accessors.getBlockRootAtSlot(state, previousSlot), domain);
    StateTransitionException.check(
        ethFastAggregateVerify(participantPubkeys, signingRoot, syncAggregate, verifier),
        "eth_fast_aggregate_verify(participant_pubkeys, signing_root, sync_aggregate.sync_committee_signature)",
        participants + " participants");

    applyRewards(state, committeeBits, computeRewards(state));
  }

  /**
   * The "Apply participant and proposer rewards" part of {@code process_sync_aggregate}
   * (Altair): one seat at a time, in committee order. A seam for a later milestone that rewards
   * seats differently.
   */
  protected void applyRewards(MutableBeaconState state, SszBits committeeBits, SyncAggregateRewards rewards) {
    UInt64 participantReward = rewards.participantReward();
    UInt64 proposerReward = rewards.proposerReward();
    // Apply participant and proposer rewards, in committee order (a validator may sit in the
    // committee more than once, and may be the proposer)
    int[] committeeIndices = committeeIndices(state);
    int proposerIndex = accessors.getBeaconProposerIndex(state);
    for (int i = 0; i < committeeIndices.length; i++) {
      if (committeeBits.get(i)) {
        mutators.increaseBalance(state, committeeIndices[i], participantReward);
        mutators.increaseBalance(state, proposerIndex, proposerReward);
      } else {
        mutators.decreaseBalance(state, committeeIndices[i], participantReward);
      }
    }
  }

  /**
   * The reward of one sync committee seat and the proposer's reward per participating seat.
   *
   * @param participantReward credited to a seat whose bit is set, charged to one whose bit is not
   * @param proposerReward credited to the block's proposer per set bit
   */
  public record SyncAggregateRewards(UInt64 participantReward, UInt64 proposerReward) {}

  /**
   * The "Compute participant and proposer rewards" part of {@code process_sync_aggregate}
   * (Altair). Depends on the state only through its current epoch's total active balance.
   */
  public SyncAggregateRewards computeRewards(MutableBeaconState state) {
    UInt64 totalActiveIncrements = accessors.getTotalActiveBalance(state).dividedBy(config.effectiveBalanceIncrement());
    UInt64 totalBaseRewards = accessors.getBaseRewardPerIncrement(state).times(totalActiveIncrements);
    UInt64 maxParticipantRewards = totalBaseRewards.times(SYNC_REWARD_WEIGHT).dividedBy(WEIGHT_DENOMINATOR)
        .dividedBy(config.slotsPerEpoch());
    UInt64 participantReward = maxParticipantRewards.dividedBy(config.syncCommitteeSize());
    UInt64 proposerReward = participantReward.times(PROPOSER_WEIGHT).dividedBy(WEIGHT_DENOMINATOR - PROPOSER_WEIGHT);
    return new SyncAggregateRewards(participantReward, proposerReward);
  }

  /**
   * For how many seats {@code process_sync_aggregate} pays the proposer one proposer reward: in
   * Fulu every participating seat. A later fork with another seat rule overrides this with it.
   */
  public long proposerRewardedSeats(MutableBeaconState state, SszBits committeeBits) {
    return committeeBits.count();
  }

  /**
   * The validator index of every seat of {@code state.current_sync_committee}, in committee
   * order (with duplicates). The array is shared: do not modify it.
   */
  public int[] committeeIndices(MutableBeaconState state) {
    SyncCommittee committee = state.currentSyncCommittee();
    return committeeIndices(state, committee, committee.pubkeys().asList());
  }

  /**
   * {@code eth_fast_aggregate_verify} (Altair) through {@code verifier}: no participants is valid
   * only with the point-at-infinity signature.
   */
  protected boolean ethFastAggregateVerify(List<BlsPublicKey> pubkeys, Bytes32 signingRoot, SyncAggregate syncAggregate,
      SignatureVerifier verifier) {
    if (pubkeys.isEmpty() && syncAggregate.syncCommitteeSignature().equals(G2_POINT_AT_INFINITY)) {
      return true;
    }
    return verifier.verify(pubkeys, signingRoot, syncAggregate.syncCommitteeSignature());
  }

  /** {@code [ValidatorIndex(all_pubkeys.index(pubkey)) for pubkey in state.current_sync_committee.pubkeys]}. */
  private int[] committeeIndices(MutableBeaconState state, SyncCommittee committee, List<Bytes48> pubkeys) {
    return state.caches().get(new CommitteeIndicesKey(committee.hashTreeRoot()), () -> {
      int[] out = new int[pubkeys.size()];
      for (int i = 0; i < out.length; i++) {
        Optional<Integer> index = accessors.getValidatorIndex(state, pubkeys.get(i));
        if (index.isEmpty()) {
          throw new StateTransitionException("assertion failed: every sync committee pubkey is in state.validators ("
              + pubkeys.get(i) + " is not)");
        }
        out[i] = index.get();
      }
      return out;
    });
  }
}
