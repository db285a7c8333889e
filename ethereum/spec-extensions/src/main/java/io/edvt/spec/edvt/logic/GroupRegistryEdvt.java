package io.edvt.spec.edvt.logic;

import static io.edvt.spec.edvt.logic.EdvtConstants.MEMBER_INDEX_MULTIPLIER;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.TransientCaches;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import io.edvt.spec.logic.common.SpecConstants;
import io.edvt.spec.logic.common.StateTransitionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EDVT's group registry accessors (beacon-chain.md "Misc" and "Beacon state accessors"): virtual
 * indices, the key set that speaks for a validator at an epoch, and the signer's key. The
 * validator-to-group map the spec finds by a scan is kept in the state's caches; groups are only
 * ever appended and never change their validator, so an entry stays valid for every state
 * derived from the one that computed it (a lookup still checks the entry against the state).
 */
public class GroupRegistryEdvt {
  protected final SpecConfig config;
  protected final SchemaDefinitionsEdvt schemas;

  private record GroupIndexMap(Map<Long, Integer> byValidator, int scanned) {}

  public GroupRegistryEdvt(SpecConfig config, SchemaDefinitionsEdvt schemas) {
    this.config = config;
    this.schemas = schemas;
  }

  // ------------------------------------------------------------------ virtual indices

  /** {@code compute_virtual_index}. */
  public static long computeVirtualIndex(long validatorIndex, int memberIndex, SpecConfig config) {
    StateTransitionException.check(validatorIndex >= 0 && validatorIndex < config.validatorRegistryLimit().longValue(),
        "validator_index < VALIDATOR_REGISTRY_LIMIT", validatorIndex);
    StateTransitionException.check(memberIndex >= 0 && memberIndex < config.maxGroupSize(),
        "member_index < MAX_GROUP_SIZE", memberIndex);
    return memberIndex * MEMBER_INDEX_MULTIPLIER.longValue() + validatorIndex;
  }

  /** {@code get_validator_index_of}. */
  public static long getValidatorIndexOf(long virtualIndex) {
    return Long.remainderUnsigned(virtualIndex, MEMBER_INDEX_MULTIPLIER.longValue());
  }

  /** {@code get_member_index_of} (may exceed {@code MAX_GROUP_SIZE} for a malformed index). */
  public static long getMemberIndexOf(long virtualIndex) {
    return Long.divideUnsigned(virtualIndex, MEMBER_INDEX_MULTIPLIER.longValue());
  }

  /** {@code get_signer_indices}: member indices whose bit is set, ascending. */
  public static List<Integer> getSignerIndices(SszBits signerBits) {
    return signerBits.setBits().boxed().toList();
  }

  /** {@code compute_plain_key_set}: the validator's own key, threshold 1, from genesis. */
  public GroupKeySet computePlainKeySet(Bytes48 pubkey) {
    var type = schemas.groupKeySet();
    @SuppressWarnings("unchecked")
    var keysType = (io.edvt.infrastructure.ssz.types.ListType<Bytes48>) type.fields().get(1).type();
    return GroupKeySet.create(type, UInt64.ONE, keysType.of(List.of(pubkey)), SpecConstants.GENESIS_EPOCH);
  }

  /** {@code compute_key_set_activation_epoch}: first epoch of the sync-committee period after next. */
  public UInt64 computeKeySetActivationEpoch(UInt64 epoch) {
    long period = epoch.longValue() / config.epochsPerSyncCommitteePeriod();
    return UInt64.valueOf((period + 2) * config.epochsPerSyncCommitteePeriod());
  }

  // ------------------------------------------------------------------ registry

  /** The editor of {@code state.groups}. */
  public SszListEditor<Group> groups(MutableBeaconState state) {
    return state.list(BeaconStateEdvt.GROUPS);
  }

  /** {@code get_group_index}: the position of the validator's group in {@code state.groups}. */
  public Optional<Integer> getGroupIndex(MutableBeaconState state, long validatorIndex) {
    SszListEditor<Group> groups = groups(state);
    int size = groups.size();
    TransientCaches caches = state.caches();
    GroupIndexMap map = caches.get(GroupIndexMap.class, () -> new GroupIndexMap(new HashMap<>(), 0));
    if (map.scanned() > size) {
      map = new GroupIndexMap(new HashMap<>(), 0); // a longer registry from another fork
    }
    if (map.scanned() < size) {
      Map<Long, Integer> copy = new HashMap<>(map.byValidator());
      for (int g = map.scanned(); g < size; g++) {
        copy.putIfAbsent(groups.get(g).validatorIndex().longValue(), g);
      }
      map = new GroupIndexMap(copy, size);
      caches.put(GroupIndexMap.class, map);
    }
    Integer g = map.byValidator().get(validatorIndex);
    if (g != null && g < size && groups.get(g).validatorIndex().longValue() == validatorIndex) {
      return Optional.of(g);
    }
    return Optional.empty();
  }

  /**
   * The {@link GroupRegistryIndex} of {@code state.groups} as it is now: kept in the state's caches
   * and brought up to date through the groups that changed since it was made.
   */
  public GroupRegistryIndex index(MutableBeaconState state) {
    SszList<Group> groups = state.listValue(BeaconStateEdvt.GROUPS);
    TransientCaches caches = state.caches();
    GroupRegistryIndex cached = caches.get(GroupRegistryIndex.class, () -> GroupRegistryIndex.build(groups));
    GroupRegistryIndex index = cached.update(groups);
    if (index != cached) {
      caches.put(GroupRegistryIndex.class, index);
    }
    return index;
  }

  /** {@code get_group_key_set}: the last key set activated at or before {@code epoch}. */
  public Optional<GroupKeySet> getGroupKeySet(Group group, UInt64 epoch) {
    GroupKeySet result = null;
    for (GroupKeySet keySet : group.keySets()) {
      if (keySet.activationEpoch().isLessThanOrEqualTo(epoch)) {
        result = keySet;
      }
    }
    return Optional.ofNullable(result);
  }

  /** {@code get_validator_key_set}: the group's key set in force, or the plain key set. */
  public Optional<GroupKeySet> getValidatorKeySet(MutableBeaconState state, long validatorIndex, UInt64 epoch) {
    Optional<Integer> g = getGroupIndex(state, validatorIndex);
    if (g.isEmpty()) {
      return Optional.of(computePlainKeySet(state.validators().get((int) validatorIndex).pubkey()));
    }
    return getGroupKeySet(groups(state).get(g.get()), epoch);
  }

  /** {@code get_virtual_pubkey}: the signer's key at {@code epoch}, if the index names a signer. */
  public Optional<Bytes48> getVirtualPubkey(MutableBeaconState state, long virtualIndex, UInt64 epoch) {
    long validatorIndex = getValidatorIndexOf(virtualIndex);
    long memberIndex = getMemberIndexOf(virtualIndex);
    if (validatorIndex >= state.validators().size() || memberIndex >= config.maxGroupSize()) {
      return Optional.empty();
    }
    Optional<GroupKeySet> keySet = getValidatorKeySet(state, validatorIndex, epoch);
    if (keySet.isEmpty() || memberIndex >= keySet.get().pubkeys().size()) {
      return Optional.empty();
    }
    return Optional.of(keySet.get().pubkeys().get((int) memberIndex));
  }

  /** The member keys of a key set, in member order. */
  public static List<Bytes48> pubkeys(GroupKeySet keySet) {
    SszList<Bytes48> keys = keySet.pubkeys();
    return new ArrayList<>(keys.asList());
  }
}
