package io.edvt.node.validator;

import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipHelpers;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.validator.ContributionAndProof;
import io.edvt.spec.datastructures.validator.SignedContributionAndProof;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;

/**
 * The sync committee duty of one held key, shared by the in-process validators
 * ({@link ValidatorDuties}) and the separate validator client: which subcommittees (= subnets) its
 * seats are in, its message over a block root, the subcommittees whose selection proof
 * ({@code get_sync_committee_selection_proof}) makes it an aggregator
 * ({@code is_sync_committee_aggregator}), and its signed contribution; and which committee's seats
 * sign at a slot ({@link #committeeEpoch}). Where the message goes and where the contribution comes
 * from is the caller's.
 */
public final class SyncCommitteeDuty {
  private final SpecVersions versions;
  private final Signer signer;
  private final GossipHelpers helpers;

  public SyncCommitteeDuty(SpecVersions versions, Signer signer) {
    this.versions = versions;
    this.signer = signer;
    this.helpers = new GossipHelpers(versions.config(), versions.fulu().misc());
  }

  /**
   * The epoch whose sync committee signs at {@code slot}: that of {@code slot + 1}. A message of
   * slot s is for block s + 1 (altair validator.md; the gossip check,
   * {@code get_sync_subcommittee_pubkeys}, takes the committee of s + 1 too), so at the last slot of
   * a period the next period's committee signs, and the current one's seats are over.
   */
  public UInt64 committeeEpoch(UInt64 slot) {
    UInt64 next = slot.plus(1);
    return versions.forSlot(next).misc().computeEpochAtSlot(next);
  }

  /** The first epoch after the sync committee period of {@code epoch}: seats of that period are wanted until then. */
  public UInt64 periodEnd(UInt64 epoch) {
    long period = versions.config().epochsPerSyncCommitteePeriod();
    return epoch.dividedBy(period).plus(1).times(period);
  }

  /** The subcommittees of the seats {@code positions} (indices in the whole sync committee), each once. */
  public List<Integer> subnets(List<Integer> positions) {
    int size = helpers.syncSubcommitteeSize();
    return positions.stream().map(p -> p / size).distinct().toList();
  }

  /** {@code get_sync_committee_message}: {@code key}, signing as {@code index}, over {@code blockRoot} at {@code slot}. */
  public SyncCommitteeMessage message(BlsPublicKey key, long index, BeaconState state, UInt64 slot, Bytes32 blockRoot) {
    Bytes signature = signer.syncCommitteeMessage(key, state, slot, blockRoot);
    return SyncCommitteeMessage.create(slot, blockRoot, UInt64.valueOf(index), signature);
  }

  /** The subcommittees of {@code positions} where {@code key} aggregates at {@code slot}, with its selection proof for each. */
  public Map<Integer, Bytes> aggregatorSubnets(BlsPublicKey key, BeaconState state, UInt64 slot, List<Integer> positions) {
    Map<Integer, Bytes> out = new LinkedHashMap<>();
    for (int subnet : subnets(positions)) {
      Bytes proof = signer.syncSelectionProof(key, state, slot, subnet);
      if (helpers.isSyncCommitteeAggregator(proof)) {
        out.put(subnet, proof);
      }
    }
    return out;
  }

  /** {@code contribution} signed by {@code key} as aggregator {@code index} with its selection {@code proof}. */
  public SignedContributionAndProof contribution(BlsPublicKey key, long index, BeaconState state, SyncCommitteeContribution contribution,
      Bytes proof) {
    SpecFulu spec = versions.forState(state);
    ContributionAndProof message = ContributionAndProof.create(spec.schemas().contributionAndProof(), UInt64.valueOf(index),
        contribution, proof);
    return SignedContributionAndProof.create(spec.schemas().signedContributionAndProof(), message,
        signer.contributionAndProof(key, state, message));
  }
}
