package io.edvt.networking.eth2.validation;

import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.SpecTypes;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.SyncCommittee;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * The validator-guide and p2p helpers gossip validation needs (phase0..Fulu), for one config:
 * {@code compute_subnet_for_attestation}, {@code is_aggregator} (from the committee size),
 * {@code is_sync_committee_aggregator}, {@code get_sync_subcommittee_pubkeys},
 * {@code compute_subnets_for_sync_committee}, {@code compute_subnet_for_data_column_sidecar}.
 */
public final class GossipHelpers {
  /** {@code TARGET_AGGREGATORS_PER_COMMITTEE} (phase0 validator guide). */
  public static final int TARGET_AGGREGATORS_PER_COMMITTEE = 16;
  /** {@code TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE} (Altair validator guide). */
  public static final int TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE = 16;

  private final SpecConfig config;
  private final MiscHelpersFulu misc;

  public GossipHelpers(SpecConfig config, MiscHelpersFulu misc) {
    this.config = config;
    this.misc = misc;
  }

  /** {@code compute_subnet_for_attestation(committees_per_slot, slot, committee_index)}. */
  public long computeSubnetForAttestation(long committeesPerSlot, UInt64 slot, UInt64 committeeIndex) {
    long slotsSinceEpochStart = Long.remainderUnsigned(slot.longValue(), config.slotsPerEpoch());
    UInt64 n = UInt64.valueOf(committeesPerSlot * slotsSinceEpochStart).plus(committeeIndex);
    return Long.remainderUnsigned(n.longValue(), config.attestationSubnetCount());
  }

  /** {@code bytes_to_uint64(hash(signature)[0:8]) % modulo == 0}. */
  private static boolean selected(Bytes signature, long modulo) {
    byte[] h = Sha256.hash(signature.toArrayUnsafe());
    long v = MiscHelpersFulu.bytesToUint64(h, 0, 8);
    return Long.remainderUnsigned(v, modulo) == 0;
  }

  /** {@code is_aggregator}: {@code max(1, len(committee) // TARGET_AGGREGATORS_PER_COMMITTEE)} as modulo. */
  public boolean isAggregator(int committeeSize, Bytes slotSignature) {
    return selected(slotSignature, Math.max(1, committeeSize / TARGET_AGGREGATORS_PER_COMMITTEE));
  }

  /** {@code is_sync_committee_aggregator}. */
  public boolean isSyncCommitteeAggregator(Bytes signature) {
    long modulo = Math.max(1,
        config.syncCommitteeSize() / SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT / TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE);
    return selected(signature, modulo);
  }

  /** {@code compute_sync_committee_period(epoch)}. */
  public UInt64 syncCommitteePeriod(UInt64 epoch) {
    return epoch.dividedBy(config.epochsPerSyncCommitteePeriod());
  }

  /**
   * The sync committee that signs at {@code state.slot + 1} (committees assigned to a slot sign for
   * the slot before): the current one, or the next one at a period boundary.
   */
  public SyncCommittee syncCommitteeForNextSlot(BeaconState state) {
    UInt64 currentEpoch = misc.computeEpochAtSlot(state.slot());
    UInt64 nextSlotEpoch = misc.computeEpochAtSlot(state.slot().plus(1));
    return syncCommitteePeriod(currentEpoch).equals(syncCommitteePeriod(nextSlotEpoch))
        ? state.currentSyncCommittee() : state.nextSyncCommittee();
  }

  /** {@code SYNC_COMMITTEE_SIZE // SYNC_COMMITTEE_SUBNET_COUNT}. */
  public int syncSubcommitteeSize() {
    return config.syncCommitteeSize() / SpecTypes.SYNC_COMMITTEE_SUBNET_COUNT;
  }

  /** {@code get_sync_subcommittee_pubkeys(state, subcommittee_index)}. */
  public List<Bytes48> getSyncSubcommitteePubkeys(BeaconState state, int subcommitteeIndex) {
    List<Bytes48> all = syncCommitteeForNextSlot(state).pubkeys().asList();
    int size = syncSubcommitteeSize();
    int from = subcommitteeIndex * size;
    return all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()));
  }

  /** {@code compute_subnets_for_sync_committee(state, validator_index)} for the key {@code pubkey}. */
  public Set<Long> computeSubnetsForSyncCommittee(BeaconState state, Bytes48 pubkey) {
    List<Bytes48> keys = syncCommitteeForNextSlot(state).pubkeys().asList();
    Set<Long> out = new TreeSet<>();
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).equals(pubkey)) {
        out.add((long) (i / syncSubcommitteeSize()));
      }
    }
    return out;
  }

  /** {@code compute_subnet_for_data_column_sidecar(column_index)}. */
  public long computeSubnetForDataColumnSidecar(UInt64 columnIndex) {
    return Long.remainderUnsigned(columnIndex.longValue(), config.dataColumnSidecarSubnetCount());
  }
}
