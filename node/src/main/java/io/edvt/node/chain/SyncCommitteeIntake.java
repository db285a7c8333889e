package io.edvt.node.chain;

import io.edvt.infrastructure.crypto.bls.BlsSignature;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.validation.GossipHelpers;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.SpecTypes;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.validator.SyncCommitteeContribution;
import io.edvt.spec.datastructures.validator.SyncCommitteeMessage;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * Where validated sync committee messages and contributions enter the node, whoever made them
 * (gossip, our own validators): into the {@link SyncCommitteePool}. A message becomes the aggregate
 * of its signer's seats in the subcommittee of its subnet: the signer's key is the validator's
 * (Fulu) or, in EDVT, {@code get_sync_message_pubkey} (a member's own key, named by its virtual
 * index), and its seats are where that key sits in the committee that signs at the slot after the
 * head state's (as gossip validation finds them). The caller has checked signatures.
 */
public final class SyncCommitteeIntake {
  private final SpecVersions versions;
  private final SyncCommitteePool pool;
  private final GossipHelpers helpers;

  public SyncCommitteeIntake(SpecVersions versions, SyncCommitteePool pool) {
    this.versions = versions;
    this.pool = pool;
    this.helpers = new GossipHelpers(versions.config(), versions.fulu().misc());
  }

  /** A pool sized for {@code versions}' sync committee. */
  public static SyncCommitteeIntake create(SpecVersions versions) {
    return new SyncCommitteeIntake(versions, SyncCommitteePool.create(versions.config().syncCommitteeSize(),
        SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT));
  }

  public SyncCommitteePool pool() {
    return pool;
  }

  /**
   * {@code message}, seen on subnet {@code subnet}, pooled as its signer's seats there on
   * {@code headState}; false when it added nothing (no such signer or seat, or covered already).
   */
  public boolean onMessage(SyncCommitteeMessage message, int subnet, BeaconState headState) {
    Optional<Bytes48> key = signerKey(headState, message.validatorIndex());
    if (key.isEmpty()) {
      return false;
    }
    List<Bytes48> subcommittee = helpers.getSyncSubcommitteePubkeys(headState, subnet);
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < subcommittee.size(); i++) {
      if (subcommittee.get(i).equals(key.get())) {
        positions.add(i);
      }
    }
    if (positions.isEmpty()) {
      return false;
    }
    return pool.add(new SyncCommitteePool.Key(message.slot().longValue(), message.beaconBlockRoot(), subnet),
        SyncCommitteePool.Aggregate.ofSigner(pool.subcommitteeSize(), positions, BlsSignature.fromBytes(message.signature())));
  }

  /**
   * The subnets (= subcommittees) on which the signer named by {@code index} sends its messages on
   * {@code headState} ({@code compute_subnets_for_sync_committee} of its key); empty when the index
   * names no key or the key has no seat.
   */
  public Set<Integer> subnets(UInt64 index, BeaconState headState) {
    return signerKey(headState, index).map(key -> helpers.computeSubnetsForSyncCommittee(headState, key).stream()
        .map(Long::intValue).collect(Collectors.toCollection(TreeSet::new))).orElseGet(TreeSet::new);
  }

  /** A validated contribution, pooled as it is; false when it added nothing. */
  public boolean onContribution(SyncCommitteeContribution contribution) {
    return pool.add(new SyncCommitteePool.Key(contribution.slot().longValue(), contribution.beaconBlockRoot(),
        contribution.subcommitteeIndex().intValue()), new SyncCommitteePool.Aggregate(contribution.aggregationBits(),
        BlsSignature.fromBytes(contribution.signature())));
  }

  /** The best contribution the pool can make for {@code subcommittee} at {@code slot} over {@code blockRoot}, in the slot's fork's type. */
  public Optional<SyncCommitteeContribution> contribution(UInt64 slot, Bytes32 blockRoot, int subcommittee) {
    SpecFulu spec = versions.forSlot(slot);
    return pool.best(new SyncCommitteePool.Key(slot.longValue(), blockRoot, subcommittee)).map(a ->
        SyncCommitteeContribution.create(spec.schemas().syncCommitteeContribution(), slot, blockRoot, UInt64.valueOf(subcommittee),
            a.bits(), a.signature().toBytes()));
  }

  /** The key that signs for {@code index} at the slot after {@code state}'s (EDVT's {@code get_sync_message_pubkey}). */
  private Optional<Bytes48> signerKey(BeaconState state, UInt64 index) {
    MutableBeaconState view = new MutableBeaconState(state);
    if (SpecVersions.milestoneOf(state) == SpecMilestone.EDVT) {
      UInt64 epoch = versions.edvt().misc().computeEpochAtSlot(state.slot().plus(1));
      return versions.edvt().registry().getVirtualPubkey(view, index.longValue(), epoch);
    }
    return index.isLessThan(view.validators().size()) ? Optional.of(view.validators().get(index.intValue()).pubkey()) : Optional.empty();
  }
}
