package io.edvt.spec.edvt.logic;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.ssz.types.VectorType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.SyncCommittee;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.PubkeyIndex;
import io.edvt.spec.logic.common.StateTransitionException;
import io.edvt.spec.logic.versions.fulu.BeaconStateAccessorsFulu;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EDVT's sync committee accessors (beacon-chain.md): {@code get_next_sync_committee_start_epoch},
 * the modified {@code get_next_sync_committee_indices} and {@code get_next_sync_committee} (a
 * group drawn with {@code 1/n} of a plain validator's acceptance weight fills {@code n}
 * consecutive seats with its members), and {@code get_current_sync_committee_indices}. Seats are
 * named by virtual indices ({@code long}s); with no group they are exactly Fulu's validator
 * indices.
 */
public class SyncCommitteeEdvt {
  private final SpecConfig config;
  private final SchemaDefinitionsEdvt schemas;
  private final BeaconStateAccessorsEdvt accessors;
  private final GroupRegistryEdvt registry;

  /** Cache key of the virtual indices of a committee's seats at an epoch. */
  private record CommitteeIndicesKey(Bytes32 committeeRoot, UInt64 epoch) {}

  /** The validators of the groups that stored each key of a sync committee when it was first resolved. */
  private record CommitteeHoldersKey(Bytes32 committeeRoot) {}

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
   * {@code get_next_sync_committee_indices} (EDVT): virtual indices, with possible duplicates.
   * Fulu's sampling loop ({@link BeaconStateAccessorsFulu#sampleSyncCommittee}) with the two EDVT
   * changes: a candidate's acceptance weight is divided by its number of members, and an accepted
   * candidate fills that many consecutive seats, member 0 first (fewer at the end of the committee).
   */
  public long[] getNextSyncCommitteeIndices(MutableBeaconState state) {
    UInt64 keySetEpoch = getNextSyncCommitteeStartEpoch(state);
    return accessors.sampleSyncCommittee(state, new BeaconStateAccessorsFulu.SyncCommitteeSampling() {
      @Override
      public long acceptanceDivisor(MutableBeaconState s, int candidate) {
        // [Modified in EDVT] the acceptance weight is divided by the number of members
        return memberCount(s, candidate, keySetEpoch);
      }

      @Override
      public int fillSeats(MutableBeaconState s, int candidate, long[] seats, int filled) {
        // [New in EDVT] n consecutive seats, member 0 first; fewer at the end of the committee
        int seatCount = Math.min(memberCount(s, candidate, keySetEpoch), seats.length - filled);
        for (int member = 0; member < seatCount; member++) {
          seats[filled + member] = VirtualIndex.compute(candidate, member);
        }
        return seatCount;
      }
    });
  }

  /** {@code get_next_sync_committee} (EDVT): the seats' keys in force at the start of the served period. */
  public SyncCommittee getNextSyncCommittee(MutableBeaconState state) {
    UInt64 keySetEpoch = getNextSyncCommitteeStartEpoch(state);
    PubkeyIndex keys = PubkeyIndex.of(state);
    List<Bytes48> pubkeys = new ArrayList<>();
    List<BlsPublicKey> parsed = new ArrayList<>();
    for (long index : getNextSyncCommitteeIndices(state)) {
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
   * {@code get_current_sync_committee_indices}: the virtual index of every seat of {@code
   * state.current_sync_committee}, resolved with the key sets in force at the current epoch. The
   * array is shared: do not modify it.
   */
  public long[] getCurrentSyncCommitteeIndices(MutableBeaconState state) {
    SyncCommittee committee = state.currentSyncCommittee();
    UInt64 epoch = accessors.getCurrentEpoch(state);
    Bytes32 root = committee.hashTreeRoot();
    return state.caches().get(new CommitteeIndicesKey(root, epoch), () -> {
      List<Bytes48> pubkeys = committee.pubkeys().asList();
      Map<Bytes48, List<Integer>> holders = state.caches().get(new CommitteeHoldersKey(root),
          () -> groupValidatorsStoring(state, pubkeys));
      Map<Bytes48, Long> byPubkey = null; // the spec's scan, only if a seat is not found among the candidates
      long[] out = new long[pubkeys.size()];
      for (int i = 0; i < out.length; i++) {
        Bytes48 pubkey = pubkeys.get(i);
        long index = virtualIndexAmong(state, pubkey, epoch, holders.getOrDefault(pubkey, List.of()));
        if (index < 0) {
          if (byPubkey == null) {
            byPubkey = virtualIndicesByPubkey(state, epoch);
          }
          Long scanned = byPubkey.get(pubkey);
          if (scanned == null) {
            throw new StateTransitionException("assertion failed: get_virtual_index_by_pubkey(state, "
                + pubkey + ", " + epoch + ") is not None");
          }
          index = scanned;
        }
        out[i] = index;
      }
      return out;
    });
  }

  /**
   * {@code get_virtual_index_by_pubkey} restricted to the validators that can hold {@code pubkey}:
   * the validator whose own key it is (if it has no group) and the validators of {@code
   * candidates}; the lowest one whose key set in force at {@code epoch} holds it, or -1. It equals
   * the spec's scan whenever {@code candidates} names every group storing the key: a key stored
   * by a group cannot be registered by another one (is_pubkey_in_use) until no key set stores it
   * any more, and then none of the old candidates holds it, -1 is returned and the caller scans.
   */
  private long virtualIndexAmong(MutableBeaconState state, Bytes48 pubkey, UInt64 epoch, List<Integer> candidates) {
    long best = -1;
    var own = PubkeyIndex.of(state).indexOf(state, pubkey);
    if (own.isPresent() && registry.getGroupIndex(state, own.get()).isEmpty()) {
      best = own.get();
    }
    for (int v : candidates) {
      if (best >= 0 && VirtualIndex.validatorIndexOf(best) <= v) {
        continue;
      }
      var member = registry.getValidatorKeySet(state, v, epoch).flatMap(keySet -> {
        var m = keySet.memberIndexOf(pubkey);
        return m.isPresent() ? java.util.Optional.of(m.getAsInt()) : java.util.Optional.<Integer>empty();
      });
      if (member.isPresent()) {
        best = VirtualIndex.compute(v, member.get());
      }
    }
    return best;
  }

  /** For each of {@code pubkeys}, the validators of the groups storing it in any key set. */
  private Map<Bytes48, List<Integer>> groupValidatorsStoring(MutableBeaconState state, List<Bytes48> pubkeys) {
    Map<Bytes48, List<Integer>> out = new HashMap<>();
    for (Bytes48 pubkey : pubkeys) {
      out.put(pubkey, new ArrayList<>());
    }
    for (var group : state.<Group>listValue(BeaconStateEdvt.GROUPS)) {
      for (var keySet : group.keySets()) {
        for (Bytes48 key : keySet.pubkeys()) {
          List<Integer> holders = out.get(key);
          if (holders != null && !holders.contains(group.validatorIndex().intValue())) {
            holders.add(group.validatorIndex().intValue());
          }
        }
      }
    }
    return out;
  }

  /**
   * {@code get_virtual_index_by_pubkey} for every key in force at {@code epoch}: the first
   * validator (in index order) whose key set in force holds the key, and the key's member index.
   * One map for all keys, as the spec's note on that function suggests clients answer it.
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
