package io.edvt.reftests.generator;

import io.edvt.spec.edvt.testing.EdvtChainBuilder.GroupSpec;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.Vote;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.Votes;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import java.util.ArrayList;
import java.util.List;

/**
 * The group layouts and vote patterns the chain-based EDVT vectors share. Chains start at the
 * first slot of epoch 3 of the fixtures' 64-validator chain (upgraded to EDVT there), where epoch
 * 1 is justified and nothing is finalized yet.
 */
final class GroupChains {
  /** Validators {@code 0..GROUPS-1} are groups in the uniform layout. */
  static final int GROUPS = 8;
  static final int START_EPOCH = 3;

  private GroupChains() {}

  /**
   * Eight 3-of-4 groups (validators 0..7, 128 ETH each): 1024 of 2816 ETH, 36% of the stake, so
   * no checkpoint is justified unless the groups attest.
   */
  static List<GroupSpec> threeOfFour() {
    List<GroupSpec> out = new ArrayList<>();
    for (int v = 0; v < GROUPS; v++) {
      out.add(new GroupSpec(v, 3, 4));
    }
    return out;
  }

  /** Groups of several shapes (validators 0..7): 3 of 4, 2 of 3, 5 of 8, 1 of 2, 2 of 2. */
  static List<GroupSpec> mixed() {
    return List.of(new GroupSpec(0, 3, 4), new GroupSpec(1, 3, 4), new GroupSpec(2, 2, 3), new GroupSpec(3, 2, 3),
        new GroupSpec(4, 5, 8), new GroupSpec(5, 3, 4), new GroupSpec(6, 1, 2), new GroupSpec(7, 2, 2));
  }

  static EdvtChainBuilder chain(EdvtFixtures f, List<GroupSpec> groups) {
    return EdvtChainBuilder.withGroups(f, (long) START_EPOCH * f.config().slotsPerEpoch(), groups);
  }

  /** Group members below {@code present} do {@code vote}, the others nothing; plain validators vote for the head. */
  static Votes groupsWith(int present, Vote vote) {
    return (v, member, slot) -> v >= GROUPS ? Vote.HEAD : member < present ? vote : Vote.ABSENT;
  }

  /** Group members below {@code first} vote for the head, the others {@code rest}; plain validators for the head. */
  static Votes groupsSplit(int first, Vote rest) {
    return (v, member, slot) -> v >= GROUPS || member < first ? Vote.HEAD : rest;
  }

  /** Fails the generation when a case does not show what it is named after. */
  static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("generated case does not show what it is named after: " + what);
    }
  }
}
