package io.edvt.reftests.generator;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.edvt.testing.EdvtChainBuilder.Vote;
import io.edvt.spec.edvt.testing.EdvtChainBuilder;
import io.edvt.spec.edvt.testing.EdvtFixtures;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code finality/finality}: chains over several epochs in which justification and finalization
 * happen, or do not, because of the groups' threshold. The groups hold 36% of the stake (see
 * {@link GroupChains#threeOfFour}), so a checkpoint is justified only when they count; each case
 * checks the checkpoints it is named after before it is written.
 */
final class FinalityCases {
  private final EdvtFixtures f;
  private final BlockSequenceCases out;
  private final int slotsPerEpoch;

  FinalityCases(CaseWriter g, EdvtFixtures f) {
    this.f = f;
    this.out = new BlockSequenceCases(g, f.edvt());
    this.slotsPerEpoch = f.config().slotsPerEpoch();
  }

  void all() {
    // m of 4 members attest (the fourth is absent): epochs 3 and 4 are justified, 3 finalized
    finalizes("finality_groups_at_threshold", chainTo(GroupChains.threeOfFour(),
        GroupChains.groupsWith(3, Vote.HEAD), 5));
    // m - 1 members attest: the groups' validators get no flags; nothing new is justified
    stalls("no_finality_groups_below_threshold", chainTo(GroupChains.threeOfFour(),
        GroupChains.groupsWith(2, Vote.HEAD), 5));
    // two members for the head's target, two for another target: no group reaches m on the target
    stalls("no_finality_groups_split_target_votes", chainTo(GroupChains.threeOfFour(),
        GroupChains.groupsSplit(2, Vote.OTHER_TARGET), 5));
    // two members for the head, two for another head (same target): target flags still reach m
    finalizes("finality_groups_split_head_votes", chainTo(GroupChains.threeOfFour(),
        GroupChains.groupsSplit(2, Vote.OTHER_HEAD), 5));
    restored();
    mixed();
  }

  /** Epochs 3 and 4 with m - 1 members (no justification), then m members: 5 justified, then finalized. */
  private void restored() {
    EdvtChainBuilder chain = GroupChains.chain(f, GroupChains.threeOfFour());
    BeaconState pre = chain.headState();
    chain.votes(GroupChains.groupsWith(2, Vote.HEAD));
    chain.addBlocksUpTo(lastSlot(4));
    GroupChains.check(chain.headState().currentJustifiedCheckpoint().epoch().equals(pre.currentJustifiedCheckpoint().epoch()),
        "restored: nothing justified while the groups are below threshold");
    chain.votes(GroupChains.groupsWith(3, Vote.HEAD));
    chain.addBlocksUpTo(UInt64.valueOf(7L * slotsPerEpoch + 1));
    BeaconState post = out.valid("finality", "finality", "finality_restored_when_groups_reach_threshold", pre,
        chain.blocks());
    GroupChains.check(post.finalizedCheckpoint().epoch().longValue() >= 5, "restored: finalized epoch >= 5, got "
        + post.finalizedCheckpoint().epoch());
  }

  /**
   * Mixed shapes (3/4, 2/3, 5/8, 1/2, 2/2): some groups with every member, some with exactly m,
   * and a quarter of the plain validators absent; finality needs both kinds of stake.
   */
  private void mixed() {
    EdvtChainBuilder chain = GroupChains.chain(f, GroupChains.mixed());
    int[] thresholds = new int[GroupChains.GROUPS];
    GroupChains.mixed().forEach(g -> thresholds[g.validator()] = g.m());
    chain.votes((v, member, slot) -> {
      if (v >= GroupChains.GROUPS) {
        return v % 4 == 0 ? Vote.ABSENT : Vote.HEAD;
      }
      return v % 2 == 0 || member < thresholds[v] ? Vote.HEAD : Vote.ABSENT;
    });
    BeaconState pre = chain.headState();
    chain.addBlocksUpTo(UInt64.valueOf(5L * slotsPerEpoch + 1));
    finalizes("finality_mixed_plain_validators_and_groups", new Chain(pre, chain));
  }

  private record Chain(BeaconState pre, EdvtChainBuilder builder) {}

  private Chain chainTo(List<EdvtChainBuilder.GroupSpec> groups, EdvtChainBuilder.Votes votes, int epoch) {
    EdvtChainBuilder chain = GroupChains.chain(f, groups);
    BeaconState pre = chain.headState();
    chain.votes(votes);
    chain.addBlocksUpTo(UInt64.valueOf((long) epoch * slotsPerEpoch + 1));
    return new Chain(pre, chain);
  }

  private void finalizes(String name, Chain c) {
    BeaconState post = out.valid("finality", "finality", name, c.pre(), new ArrayList<>(c.builder().blocks()));
    GroupChains.check(post.finalizedCheckpoint().epoch().isGreaterThan(c.pre().finalizedCheckpoint().epoch()),
        name + ": finalized epoch advances (" + c.pre().finalizedCheckpoint().epoch() + " -> "
            + post.finalizedCheckpoint().epoch() + ")");
  }

  private void stalls(String name, Chain c) {
    BeaconState post = out.valid("finality", "finality", name, c.pre(), new ArrayList<>(c.builder().blocks()));
    GroupChains.check(post.finalizedCheckpoint().equals(c.pre().finalizedCheckpoint())
            && post.currentJustifiedCheckpoint().equals(c.pre().currentJustifiedCheckpoint()),
        name + ": no new justification or finalization");
  }

  private UInt64 lastSlot(int epoch) {
    return UInt64.valueOf((epoch + 1L) * slotsPerEpoch - 1);
  }
}
