package io.edvt.spec.edvt.logic;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.Sha256;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.ssz.types.VectorType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.SyncCommittee;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.MiscHelpersFulu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EDVT's sync committee (beacon-chain.md): {@code get_next_sync_committee_start_epoch},
 * {@code compute_sync_committee_member_index}, the modified {@code get_next_sync_committee_indices}
 * and {@code get_next_sync_committee} (Fulu's sampling, one seat per accepted draw, held by one
 * member of the candidate's key set chosen from the draw), {@code get_current_sync_committee_indices}
 * (the signers recorded in the state) and the signer rotation of {@code
 * process_sync_committee_updates}. Seats are named by virtual indices ({@code long}s); with no
 * group they are exactly Fulu's validator indices.
 */
public class SyncCommitteeEdvt {
  private final SpecConfig config;
  private final SchemaDefinitionsEdvt schemas;
  private final BeaconStateAccessorsEdvt accessors;
  private final GroupRegistryEdvt registry;

  public SyncCommitteeEdvt(EdvtHelpers helpers) {
    this.config = helpers.config();
    this.schemas = helpers.schemas();
    this.accessors = helpers.accessors();
    this.registry = helpers.registry();
  }

  /** {@code get_next_sync_committee_start_epoch}: the first epoch of the period after the next epoch's. */
  public UInt64 getNextSyncCommitteeStartEpoch(MutableBeaconState state) {
    long nextEpoch = accessors.getCurrentEpoch(state).longValue() + 1;
    long period = nextEpoch / config.epochsPerSyncCommitteePeriod();
    return UInt64.valueOf((period + 1) * config.epochsPerSyncCommitteePeriod());
  }

  /**
   * {@code compute_sync_committee_member_index}: the member of a {@code memberCount}-member key set
   * that holds the seat of draw {@code i} ({@code hash(seed + uint_to_bytes(i) +
   * uint_to_bytes(member_count))[0:8] % member_count}).
   */
  public static int computeSyncCommitteeMemberIndex(Bytes32 seed, long i, int memberCount) {
    byte[] preimage = new byte[48];
    System.arraycopy(seed.toArrayUnsafe(), 0, preimage, 0, 32);
    putUint64LittleEndian(preimage, 32, i);
    putUint64LittleEndian(preimage, 40, memberCount);
    long value = MiscHelpersFulu.bytesToUint64(Sha256.hash(preimage), 0, 8);
    return (int) Long.remainderUnsigned(value, memberCount);
  }

  private static void putUint64LittleEndian(byte[] out, int offset, long value) {
    for (int b = 0; b < 8; b++) {
      out[offset + b] = (byte) (value >>> (8 * b));
    }
  }

  /**
   * {@code get_next_sync_committee_indices} (EDVT): Fulu's sampling ({@link
   * io.edvt.spec.logic.versions.fulu.BeaconStateAccessorsFulu#sampleSyncCommittee}), each accepted
   * draw seating one member of the candidate's key set in force at the start of the served period.
   */
  public long[] getNextSyncCommitteeIndices(MutableBeaconState state) {
    UInt64 keySetEpoch = getNextSyncCommitteeStartEpoch(state);
    return accessors.sampleSyncCommittee(state, (s, seed, draw, candidate) -> {
      int memberCount = memberCount(s, candidate, keySetEpoch);
      return VirtualIndex.compute(candidate, computeSyncCommitteeMemberIndex(seed, draw, memberCount));
    });
  }

  /** {@code get_next_sync_committee} (EDVT): the seats' keys in force at the start of the served period. */
  public SyncCommittee getNextSyncCommittee(MutableBeaconState state) {
    return committeeOf(state, getNextSyncCommitteeIndices(state));
  }

  /** The committee whose seats are held by {@code signers} (their keys at the served period's start). */
  public SyncCommittee committeeOf(MutableBeaconState state, long[] signers) {
    UInt64 keySetEpoch = getNextSyncCommitteeStartEpoch(state);
    PubkeyIndex keys = PubkeyIndex.of(state);
    List<Bytes48> pubkeys = new ArrayList<>(signers.length);
    List<BlsPublicKey> parsed = new ArrayList<>(signers.length);
    for (long index : signers) {
      Bytes48 pk = registry.getVirtualPubkey(state, index, keySetEpoch).orElseThrow(() ->
          new StateTransitionException("assertion failed: seat " + index + " has a key at epoch " + keySetEpoch));
      pubkeys.add(pk);
      parsed.add(keys.publicKey(pk));
    }
    Bytes48 aggregate = Bls.ethAggregatePubkeys(parsed).toBytes();
    var type = schemas.syncCommittee();
    @SuppressWarnings("unchecked")
    var pubkeyVector = (VectorType<Bytes48>) type.fields().get(0).type();
    return SyncCommittee.create(type, pubkeyVector.of(pubkeys), aggregate);
  }

  /**
   * {@code process_sync_committee_updates} (EDVT): at a period boundary the next committee and its
   * signers become current, and the committee after it is computed (its indices once, for both
   * fields).
   */
  public void processSyncCommitteeUpdates(MutableBeaconState state) {
    UInt64 nextEpoch = accessors.getCurrentEpoch(state).plus(1);
    if (!nextEpoch.mod(config.epochsPerSyncCommitteePeriod()).isZero()) {
      return;
    }
    state.setCurrentSyncCommittee(state.nextSyncCommittee());
    state.setList(BeaconStateEdvt.CURRENT_SYNC_COMMITTEE_SIGNERS, state.listValue(BeaconStateEdvt.NEXT_SYNC_COMMITTEE_SIGNERS));
    long[] signers = getNextSyncCommitteeIndices(state);
    state.setNextSyncCommittee(committeeOf(state, signers));
    List<UInt64> values = new ArrayList<>(signers.length);
    for (long signer : signers) {
      values.add(UInt64.fromLongBits(signer));
    }
    state.setList(BeaconStateEdvt.NEXT_SYNC_COMMITTEE_SIGNERS, schemas.syncCommitteeSigners().of(values));
  }

  /**
   * Seats both committees (and their signers) afresh from the key sets in force now: what a
   * genesis with groups does after writing the groups directly (the devnet genesis, test and
   * benchmark states). Not a step of the state transition.
   */
  public void seatCommitteesFromScratch(MutableBeaconState state) {
    long[] signers = getNextSyncCommitteeIndices(state);
    SyncCommittee committee = committeeOf(state, signers);
    List<UInt64> values = new ArrayList<>(signers.length);
    for (long signer : signers) {
      values.add(UInt64.fromLongBits(signer));
    }
    SszList<UInt64> vector = schemas.syncCommitteeSigners().of(values);
    state.setCurrentSyncCommittee(committee);
    state.setNextSyncCommittee(committee);
    state.setList(BeaconStateEdvt.CURRENT_SYNC_COMMITTEE_SIGNERS, vector);
    state.setList(BeaconStateEdvt.NEXT_SYNC_COMMITTEE_SIGNERS, vector);
  }

  /**
   * {@code get_current_sync_committee_indices}: {@code state.current_sync_committee_signers}, the
   * virtual index of every seat.
   */
  public long[] getCurrentSyncCommitteeIndices(MutableBeaconState state) {
    SszList<UInt64> signers = state.listValue(BeaconStateEdvt.CURRENT_SYNC_COMMITTEE_SIGNERS);
    return signers.toLongArray();
  }

  /**
   * {@code get_virtual_index_by_pubkey} for every key in force at {@code epoch}: the first
   * validator (in index order) whose key set in force holds the key, and the key's member index.
   * One map for all keys, as the spec's note on that function suggests clients answer it (used off
   * the per-block path: gossip validation and fork-choice helpers).
   */
  public Map<Bytes48, Long> virtualIndicesByPubkey(MutableBeaconState state, UInt64 epoch) {
    SszListEditor<Validator> validators = state.validators();
    Map<Bytes48, Long> out = new HashMap<>();
    for (int v = 0; v < validators.size(); v++) {
      if (registry.getGroupIndex(state, v).isEmpty()) {
        out.putIfAbsent(validators.get(v).pubkey(), (long) v);
        continue;
      }
      var keySet = registry.getValidatorKeySet(state, v, epoch);
      if (keySet.isPresent()) {
        List<Bytes48> keys = keySet.get().keys();
        for (int j = 0; j < keys.size(); j++) {
          out.putIfAbsent(keys.get(j), VirtualIndex.compute(v, j));
        }
      }
    }
    return out;
  }

  /** {@code len(get_validator_key_set(state, validator_index, epoch).pubkeys)}. */
  int memberCount(MutableBeaconState state, int validatorIndex, UInt64 epoch) {
    if (registry.getGroupIndex(state, validatorIndex).isEmpty()) {
      return 1;
    }
    GroupKeySet<Bytes48> keySet = registry.getValidatorKeySet(state, validatorIndex, epoch).orElseThrow(() ->
        new StateTransitionException("assertion failed: validator " + validatorIndex + " has a key set at epoch " + epoch));
    return keySet.size();
  }
}
