package io.edvt.reftests.generator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.Vote;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.Votes;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code rewards/leak} and {@code rewards/random} with groups. The pre states are the heads of
 * real chains ({@link EdvtChainBuilder}) advanced to the last slot of an epoch, so the previous
 * epoch's participation is what the groups' members did: in the leak cases nothing is finalized
 * for more than {@code MIN_EPOCHS_TO_INACTIVITY_PENALTY} epochs and the groups below threshold
 * (which get no target flag) pay the inactivity penalty; in the random cases every signer's vote is
 * drawn from a seed.
 */
final class GroupRewardsCases {
  private static final String PRESET = "minimal";
  private final CaseWriter g;
  private final EdvtFixtures f;
  private final SpecEdvt edvt;
  private final int slotsPerEpoch;

  GroupRewardsCases(CaseWriter g, EdvtFixtures f) {
    this.g = g;
    this.f = f;
    this.edvt = f.edvt();
    this.slotsPerEpoch = f.config().slotsPerEpoch();
  }

  void all() {
    leak();
    random();
  }

  private void leak() {
    final int group = 0;
    final int plainVoter = 9;
    BeaconState below = head(GroupChains.threeOfFour(), GroupChains.groupsWith(2, Vote.HEAD), 7);
    checkLeak("leak_groups_below_threshold", below, group, plainVoter);
    write("leak", "leak_groups_below_threshold", below);

    BeaconState split = head(GroupChains.threeOfFour(), GroupChains.groupsSplit(2, Vote.OTHER_TARGET), 7);
    checkLeak("leak_groups_split_target_votes", split, group, plainVoter);
    write("leak", "leak_groups_split_target_votes", split);

    // the groups reach m but two thirds of the plain validators are absent: still no finality
    Votes groupsOnly = (v, member, slot) -> v < GroupChains.GROUPS ? (member < 3 ? Vote.HEAD : Vote.ABSENT)
        : v % 3 == 0 ? Vote.HEAD : Vote.ABSENT;
    BeaconState plainAbsent = head(GroupChains.threeOfFour(), groupsOnly, 7);
    checkLeak("leak_groups_at_threshold_plain_absent", plainAbsent, 8, group);
    write("leak", "leak_groups_at_threshold_plain_absent", plainAbsent);

    // one member of each mixed-shape group (enough only for the 1-of-2 group), a quarter of the plain validators absent
    Votes oneMember = (v, member, slot) -> v < GroupChains.GROUPS ? (member < 1 ? Vote.HEAD : Vote.ABSENT)
        : v % 4 == 0 ? Vote.ABSENT : Vote.HEAD;
    BeaconState mixed = head(GroupChains.mixed(), oneMember, 8);
    checkLeak("leak_mixed_groups_one_member_each", mixed, 0, plainVoter);
    write("leak", "leak_mixed_groups_one_member_each", mixed);
  }

  private void random() {
    for (long seed : List.of(1L, 2L, 3L)) {
      BeaconState state = head(GroupChains.mixed(), randomVotes(seed), 5);
      write("random", "random_group_votes_seed_" + seed, state);
    }
  }

  /** Every signer's vote at every slot drawn from {@code seed} (a pure function, whatever the call order). */
  private static Votes randomVotes(long seed) {
    Vote[] votes = Vote.values();
    return (v, member, slot) -> {
      long h = mix(mix(mix(seed) ^ v) ^ ((long) member << 20) ^ (slot.longValue() << 32));
      // half the signers vote for the head, the rest is spread over the other three votes
      int r = (int) Long.remainderUnsigned(h, 6);
      return r < 3 ? Vote.HEAD : votes[r - 2];
    };
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The head of a chain with {@code votes} up to epoch {@code epoch}'s second slot, advanced to its last slot. */
  private BeaconState head(List<EdvtChainBuilder.GroupSpec> groups, Votes votes, int epoch) {
    EdvtChainBuilder chain = GroupChains.chain(f, groups);
    chain.votes(votes);
    chain.addBlocksUpTo(UInt64.valueOf((long) epoch * slotsPerEpoch + 1));
    BeaconState head = edvt.stateTransition().processSlots(chain.headState(),
        UInt64.valueOf((epoch + 1L) * slotsPerEpoch - 1));
    return edvt.schemas().beaconState().deserialize(head.serialize());
  }

  /** The state leaks; {@code penalised} pays an inactivity penalty and {@code spared} none. */
  private void checkLeak(String name, BeaconState state, int penalised, int spared) {
    MutableBeaconState view = new MutableBeaconState(state);
    GroupChains.check(edvt.epochProcessor().rewardsAndPenalties().isInInactivityLeak(view), name + ": in a leak");
    long[] penalties = edvt.epochProcessor().getInactivityPenaltyDeltas(view).penalties();
    GroupChains.check(penalties[penalised] != 0 && penalties[spared] == 0,
        name + ": validator " + penalised + " pays the inactivity penalty, validator " + spared + " does not ("
            + penalties[penalised] + ", " + penalties[spared] + ")");
  }

  private void write(String handler, String name, BeaconState pre) {
    Path dir = g.caseDir(PRESET, "rewards", handler, "pyspec_tests", name);
    g.state(dir, "pre", pre);
    DeltasFiles.write(g, dir, f.config().validatorRegistryLimit().longValue(), DeltasFiles.of(edvt, pre));
  }
}
