package io.edvt.spec.edvt.logic;

import io.edvt.groups.GroupKeySet;
import io.edvt.groups.GroupKeySets;
import io.edvt.groups.KeyRotationTiming;
import io.edvt.groups.KeySetLookup;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszListEditor;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.datastructures.state.TransientCaches;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.state.BeaconStateEdvt;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes48;

/**
 * EDVT's group registry (beacon-chain.md "Beacon state accessors"): where a validator's group is
 * in {@code state.groups}, and the state's groups as the scheme-agnostic rules of {@code
 * io.edvt.groups} see them. The rules themselves ({@code get_group_key_set}, {@code
 * get_validator_key_set}, {@code get_virtual_pubkey}, {@code compute_plain_key_set}, {@code
 * compute_key_set_activation_epoch}, pruning, appending a key set) live there once; this class
 * only turns the SSZ {@code Group} into {@link GroupKeySets} and back ({@link #keySets}, {@link
 * #toGroup}), so the state transition and the vectors run the same code the group suite tests.
 *
 * <p>The validator-to-group map the spec finds by a scan is kept in the state's caches; groups are
 * only ever appended and never change their validator, so an entry stays valid for every state
 * derived from the one that computed it (a lookup still checks the entry against the state).
 */
public class GroupRegistryEdvt {
  private final SchemaDefinitionsEdvt schemas;
  private final KeyRotationTiming timing;

  private record GroupIndexMap(Map<Long, Integer> byValidator, int scanned) {}

  public GroupRegistryEdvt(SpecConfig config, SchemaDefinitionsEdvt schemas) {
    this.schemas = schemas;
    this.timing = new KeyRotationTiming(config.epochsPerSyncCommitteePeriod(), config.minValidatorWithdrawabilityDelay());
  }

  /** The two config values that time key sets. */
  public KeyRotationTiming timing() {
    return timing;
  }

  // ------------------------------------------------------------------ the SSZ groups as the rules see them

  /** The stored key sets of {@code group} ({@code group.key_sets}) as the group rules see them. */
  public GroupKeySets<Bytes48> keySets(Group group) {
    List<GroupKeySet<Bytes48>> sets = new ArrayList<>(group.keySets().size());
    for (var keySet : group.keySets()) {
      sets.add(new GroupKeySet<>(keySet.threshold().intValue(), keySet.pubkeys().asList(), keySet.activationEpoch()));
    }
    return GroupKeySets.fromStored(sets);
  }

  /** The SSZ {@code Group} of {@code validatorIndex} storing {@code keySets}. */
  public Group toGroup(UInt64 validatorIndex, GroupKeySets<Bytes48> keySets) {
    List<io.edvt.spec.edvt.datastructures.groups.GroupKeySet> sets = new ArrayList<>(keySets.size());
    for (GroupKeySet<Bytes48> keySet : keySets.keySets()) {
      sets.add(io.edvt.spec.edvt.datastructures.groups.GroupKeySet.create(schemas.groupKeySet(),
          UInt64.valueOf(keySet.threshold()), schemas.groupPubkeys().of(keySet.keys()), keySet.activationEpoch()));
    }
    return Group.create(schemas.group(), validatorIndex, schemas.groupKeySets().of(sets));
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

  /** The stored key sets of the validator's group, or empty if it has none. */
  public Optional<GroupKeySets<Bytes48>> groupKeySets(MutableBeaconState state, long validatorIndex) {
    return getGroupIndex(state, validatorIndex).map(g -> keySets(groups(state).get(g)));
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

  /** {@code get_group_key_set} ({@link GroupKeySets#keySetAt}). */
  public Optional<GroupKeySet<Bytes48>> getGroupKeySet(Group group, UInt64 epoch) {
    return keySets(group).keySetAt(epoch);
  }

  /** {@code get_validator_key_set} ({@link GroupKeySets#validatorKeySet}): the group's key set in force, or the plain key set. */
  public Optional<GroupKeySet<Bytes48>> getValidatorKeySet(MutableBeaconState state, long validatorIndex, UInt64 epoch) {
    return GroupKeySets.validatorKeySet(groupKeySets(state, validatorIndex),
        state.validators().get((int) validatorIndex).pubkey(), epoch);
  }

  /** {@code get_validator_key_set} of {@code state} as the group rules' {@link KeySetLookup} (empty for an unknown validator). */
  public KeySetLookup<Bytes48> keySetLookup(MutableBeaconState state) {
    return (validatorIndex, epoch) -> validatorIndex.isLessThan(state.validators().size())
        ? getValidatorKeySet(state, validatorIndex.longValue(), epoch)
        : Optional.empty();
  }

  /** {@code get_virtual_pubkey} ({@link KeySetLookup#virtualPubkey}): the signer's key at {@code epoch}, if the index names one. */
  public Optional<Bytes48> getVirtualPubkey(MutableBeaconState state, long virtualIndex, UInt64 epoch) {
    return keySetLookup(state).virtualPubkey(UInt64.fromLongBits(virtualIndex), epoch);
  }
}
