package io.edvt.spec.edvt.logic;

import static org.assertj.core.api.Assertions.assertThat;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.edvt.config.EdvtConfig;
import io.edvt.spec.edvt.datastructures.groups.Group;
import io.edvt.spec.edvt.datastructures.groups.GroupKeySet;
import io.edvt.spec.edvt.schemas.SchemaDefinitionsEdvt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupRegistryIndex} against the spec's scans over the records ({@code is_group_pubkey},
 * {@code get_group_index}, {@code get_group_key_set}), through a random sequence of registrations,
 * key changes and prunings, each followed by an incremental {@link GroupRegistryIndex#update}.
 */
class GroupRegistryIndexTest {
  private static final SchemaDefinitionsEdvt SCHEMAS = new SchemaDefinitionsEdvt(EdvtConfig.load("minimal"));
  private static final int VALIDATORS = 400;

  @SuppressWarnings("unchecked")
  private static final ListType<GroupKeySet> KEY_SETS = (ListType<GroupKeySet>) SCHEMAS.group().fields().get(1).type();

  private final Random random = new Random(4);
  private int nextKey;

  @Test
  void updatesFollowRegistrationsKeyChangesAndPruningsAsAFullScanWould() {
    SszList<Group> groups = SCHEMAS.groups().defaultValue();
    GroupRegistryIndex index = GroupRegistryIndex.build(groups);
    List<Bytes48> retiredKeys = new ArrayList<>();
    for (int step = 0; step < 300; step++) {
      int op = random.nextInt(10);
      if (groups.size() == 0 || op < 3) {
        // registration: own key, then a key set of 1-16 members; a validator may even appear twice
        int validator = random.nextInt(VALIDATORS);
        groups = groups.append(Group.create(SCHEMAS.group(), UInt64.valueOf(validator),
            KEY_SETS.of(List.of(keySet(1, 0), keySet(1 + random.nextInt(16), 8 + random.nextInt(8))))));
      } else if (op < 7) {
        // key change: a pending key set sharing all but one key with the last one
        int g = random.nextInt(groups.size());
        Group group = groups.get(g);
        SszList<GroupKeySet> sets = group.keySets();
        if (sets.size() < 3) {
          GroupKeySet last = sets.get(sets.size() - 1);
          List<Bytes48> keys = new ArrayList<>(last.pubkeys().asList());
          keys.set(random.nextInt(keys.size()), freshKey());
          GroupKeySet pending = GroupKeySet.create(SCHEMAS.groupKeySet(), UInt64.ONE, SCHEMAS.groupPubkeys().of(keys),
              last.activationEpoch().plus(1 + random.nextInt(20)));
          groups = groups.set(g, group.withKeySets(sets.append(pending)));
        }
      } else {
        // pruning: drop the first key set of a group that has several
        int g = random.nextInt(groups.size());
        Group group = groups.get(g);
        if (group.keySets().size() > 1) {
          retiredKeys.addAll(group.keySets().get(0).pubkeys().asList());
          groups = groups.set(g, group.withKeySets(group.keySets().sliceFrom(1)));
        }
      }
      GroupRegistryIndex next = index.update(groups);
      assertThat(next.isFor(groups)).isTrue();
      assertThat(next.update(groups)).isSameAs(next);
      assertMatchesScan(next, groups, retiredKeys);
      index = next;
    }
  }

  @Test
  void aShorterRegistryIsReadInFull() {
    SszList<Group> two = SCHEMAS.groups().defaultValue()
        .append(Group.create(SCHEMAS.group(), UInt64.valueOf(3), KEY_SETS.of(List.of(keySet(2, 0)))))
        .append(Group.create(SCHEMAS.group(), UInt64.valueOf(1), KEY_SETS.of(List.of(keySet(3, 0)))));
    SszList<Group> one = SCHEMAS.groups().defaultValue().append(two.get(1));
    GroupRegistryIndex index = GroupRegistryIndex.build(two).update(one);
    assertMatchesScan(index, one, List.of());
    assertThat(index.containsKey(two.get(0).keySets().get(0).pubkeys().get(0))).isFalse();
  }

  private void assertMatchesScan(GroupRegistryIndex index, SszList<Group> groups, List<Bytes48> otherKeys) {
    Set<Bytes48> stored = new HashSet<>();
    for (Group group : groups) {
      for (GroupKeySet set : group.keySets()) {
        stored.addAll(set.pubkeys().asList());
      }
    }
    for (Bytes48 key : stored) {
      assertThat(index.containsKey(key)).isTrue();
    }
    for (Bytes48 key : otherKeys) {
      assertThat(index.containsKey(key)).isEqualTo(stored.contains(key));
    }
    assertThat(index.containsKey(Bytes48.ZERO)).isFalse();
    assertThat(index.size()).isEqualTo(groups.size());
    for (int g = 0; g < groups.size(); g++) {
      assertThat(index.keySetCount(g)).isEqualTo(groups.get(g).keySets().size());
    }
    long epoch = random.nextInt(40);
    // process_group_key_set_pruning's first test, per group
    long delay = random.nextInt(8);
    List<Integer> due = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      SszList<GroupKeySet> sets = groups.get(g).keySets();
      if (sets.size() > 1 && sets.get(1).activationEpoch().longValue() + delay <= epoch) {
        due.add(g);
      }
    }
    assertThat(index.groupsDueForPruning(epoch, delay)).containsExactly(due.stream().mapToInt(Integer::intValue).toArray());
    // a sweep in registry order, then lookups in random order
    GroupRegistryIndex.Cursor sweep = index.cursor();
    for (int v = 0; v < VALIDATORS + 2; v++) {
      assertCursorMatchesScan(sweep, groups, v, epoch);
    }
    GroupRegistryIndex.Cursor randomOrder = index.cursor();
    for (int i = 0; i < 100; i++) {
      assertCursorMatchesScan(randomOrder, groups, random.nextInt(VALIDATORS), epoch);
    }
  }

  private static void assertCursorMatchesScan(GroupRegistryIndex.Cursor cursor, SszList<Group> groups, int validator,
      long epoch) {
    int expected = -1; // get_group_index: the first group naming the validator
    for (int g = 0; g < groups.size() && expected < 0; g++) {
      if (groups.get(g).validatorIndex().longValue() == validator) {
        expected = g;
      }
    }
    int p = cursor.find(validator);
    if (expected < 0) {
      assertThat(p).isEqualTo(-1);
      return;
    }
    assertThat(p).isNotNegative();
    assertThat(cursor.groupIndex(p)).isEqualTo(expected);
    int size = -1; // get_group_key_set: the last key set activated at or before the epoch
    for (GroupKeySet set : groups.get(expected).keySets()) {
      if (set.activationEpoch().longValue() <= epoch) {
        size = set.pubkeys().size();
      }
    }
    assertThat(cursor.keySetSizeAt(p, epoch)).isEqualTo(size);
  }

  private GroupKeySet keySet(int members, long activation) {
    List<Bytes48> keys = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      keys.add(freshKey());
    }
    return GroupKeySet.create(SCHEMAS.groupKeySet(), UInt64.ONE, SCHEMAS.groupPubkeys().of(keys), UInt64.valueOf(activation));
  }

  private Bytes48 freshKey() {
    byte[] b = new byte[48];
    random.nextBytes(b);
    b[0] = (byte) nextKey;
    b[1] = (byte) (nextKey++ >> 8);
    return Bytes48.wrap(b);
  }
}
