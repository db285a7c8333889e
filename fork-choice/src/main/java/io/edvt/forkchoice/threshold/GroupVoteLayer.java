package io.edvt.forkchoice.threshold;

import io.edvt.forkchoice.tree.BlockTreeView;
import java.util.Arrays;

/**
 * The votes of EDVT's threshold groups, turned into proto-array weight (threshold GHOST,
 * PROTOCOL.md decision 9; {@code get_attestation_score} in {@code specs/edvt/fork-choice.md}).
 *
 * <p>Each group is one validator with {@code n} member keys and threshold {@code m}. The layer
 * keeps every member key's latest message, and for every group the balance and placements (see
 * {@link GroupSupport}) currently held by the proto-array. Changes (a member's vote, an
 * equivocation, a balance, a threshold, a replaced key) only mark their group as pending;
 * {@link #computeDeltas} then recomputes each pending group once and adds the difference to the
 * proto-array's per-node deltas. Validators without a group stay in the Fulu vote layer, which is
 * the special case {@code n = m = 1}.
 *
 * <p><b>Tree growth needs nothing.</b> Votes only name blocks already in the tree, so a new block
 * has no vote in its subtree when it is added: its own support indicator is 0, no other node's
 * subtree gains a vote, and by the uniqueness of placements (see {@link GroupSupport}) no group's
 * placements change. A group changes only when one of its members then votes for the new block.
 *
 * <p><b>Pruning</b> ({@link #prune}) follows the proto-array dropping its first nodes: votes for
 * pruned blocks stop counting and placements at pruned nodes are dropped without a delta (see
 * {@link AppliedPlacements#prune} for why that is exact).
 *
 * <p>Groups are named by validator index. Epochs are the target epochs of the messages as longs
 * (spec {@code Epoch}s, far below 2^63). Balances are the Gwei that {@code get_attestation_score}
 * counts for the validator in the justified state: its effective balance if it is active and not
 * slashed, else 0. Not thread-safe: the store calls it from its one fork-choice thread.
 */
public final class GroupVoteLayer {

  private static final int NO_GROUP = -1;

  private final BlockTreeView tree;
  private final MemberMessages members = new MemberMessages();
  private final AppliedPlacements applied = new AppliedPlacements();
  private final GroupSupport support = new GroupSupport(16);

  // Validator index -> dense group number, NO_GROUP for validators without a group.
  private int[] groupOfValidator = new int[0];

  // Per dense group number.
  private int groups;
  private int[] firstMember = new int[0];
  private int[] memberCount = new int[0];
  private int[] threshold = new int[0];
  private long[] balance = new long[0];
  private boolean[] pending = new boolean[0];

  // The groups marked pending since the last computeDeltas, each once.
  private int[] pendingQueue = new int[0];
  private int pendingCount;

  /** A layer over {@code tree}, the proto-array whose node indices the votes and deltas use. */
  public GroupVoteLayer(BlockTreeView tree) {
    this.tree = tree;
  }

  /**
   * Starts tracking validator {@code validatorIndex} as a group of {@code memberCount} keys with
   * threshold {@code threshold}, none of which has a latest message yet, counting {@code balance}.
   */
  public void registerGroup(int validatorIndex, int memberCount, int threshold, long balance) {
    if (validatorIndex < 0) {
      throw new IllegalArgumentException("negative validator index " + validatorIndex);
    }
    if (isGroup(validatorIndex)) {
      throw new IllegalArgumentException("validator " + validatorIndex + " already has a group");
    }
    checkThreshold(memberCount, threshold);
    checkBalance(balance);
    if (validatorIndex >= groupOfValidator.length) {
      int old = groupOfValidator.length;
      groupOfValidator =
          Arrays.copyOf(groupOfValidator, Math.max(validatorIndex + 1, old * 3 / 2 + 16));
      Arrays.fill(groupOfValidator, old, groupOfValidator.length, NO_GROUP);
    }
    int g = groups++;
    growGroupArrays(groups);
    groupOfValidator[validatorIndex] = g;
    firstMember[g] = members.allocate(memberCount);
    this.memberCount[g] = memberCount;
    this.threshold[g] = threshold;
    this.balance[g] = balance;
    // Nothing to apply yet: no member has a message. Placements start empty with balance 0.
  }

  private void growGroupArrays(int needed) {
    if (needed <= firstMember.length) {
      return;
    }
    int capacity = Math.max(needed, firstMember.length * 3 / 2 + 16);
    firstMember = Arrays.copyOf(firstMember, capacity);
    memberCount = Arrays.copyOf(memberCount, capacity);
    threshold = Arrays.copyOf(threshold, capacity);
    balance = Arrays.copyOf(balance, capacity);
    pending = Arrays.copyOf(pending, capacity);
    pendingQueue = Arrays.copyOf(pendingQueue, capacity);
    applied.ensureGroups(capacity);
  }

  private static void checkThreshold(int memberCount, int threshold) {
    if (memberCount < 1 || threshold < 1 || threshold > memberCount) {
      throw new IllegalArgumentException(
          "need 1 <= threshold <= members, got threshold " + threshold + " of " + memberCount);
    }
  }

  private static void checkBalance(long balance) {
    if (balance < 0) {
      throw new IllegalArgumentException("negative balance " + balance);
    }
  }

  /** Whether {@code validatorIndex} is tracked here (otherwise its votes go to the Fulu layer). */
  public boolean isGroup(int validatorIndex) {
    return validatorIndex >= 0
        && validatorIndex < groupOfValidator.length
        && groupOfValidator[validatorIndex] != NO_GROUP;
  }

  private int group(int validatorIndex) {
    if (!isGroup(validatorIndex)) {
      throw new IllegalArgumentException("validator " + validatorIndex + " has no group here");
    }
    return groupOfValidator[validatorIndex];
  }

  private int memberSlot(int g, int member) {
    if (member < 0 || member >= memberCount[g]) {
      throw new IllegalArgumentException(
          "member " + member + " out of range for a group of " + memberCount[g]);
    }
    return firstMember[g] + member;
  }

  /**
   * A latest-message update for member {@code member} of validator {@code validatorIndex}'s group
   * ({@code update_latest_messages}, EDVT): taken only if {@code targetEpoch} is greater than the
   * key's latest message's and the key has not equivocated. {@code node} is the proto-array index
   * of the attested block, or {@link BlockTreeView#NONE} if the block is not in the tree.
   *
   * @return whether the member's vote moved (and its group is now pending)
   */
  public boolean onMemberVote(int validatorIndex, int member, long targetEpoch, int node) {
    int g = group(validatorIndex);
    if (node < BlockTreeView.NONE || node >= tree.size()) {
      throw new IllegalArgumentException("node " + node + " is not in the tree");
    }
    boolean moved = members.update(memberSlot(g, member), targetEpoch, node);
    if (moved) {
      markPending(g);
    }
    return moved;
  }

  /**
   * The member's key has equivocated ({@code on_attester_slashing}, EDVT): its vote is discarded
   * now and its later messages are ignored. The group's other members still count.
   */
  public void onMemberEquivocation(int validatorIndex, int member) {
    int g = group(validatorIndex);
    if (members.markEquivocating(memberSlot(g, member))) {
      markPending(g);
    }
  }

  /**
   * A new key has replaced member {@code member} (key rotation, taking effect in the key set the
   * fork choice uses): the old key's latest message and equivocation no longer speak for the
   * group, and the new key starts without either.
   */
  public void replaceMember(int validatorIndex, int member) {
    int g = group(validatorIndex);
    int slot = memberSlot(g, member);
    boolean hadVote = members.votes()[slot] != BlockTreeView.NONE;
    members.reset(slot);
    if (hadVote) {
      markPending(g);
    }
  }

  /** The group's threshold has changed in the key set the fork choice uses. */
  public void setThreshold(int validatorIndex, int newThreshold) {
    int g = group(validatorIndex);
    checkThreshold(memberCount[g], newThreshold);
    if (threshold[g] != newThreshold) {
      threshold[g] = newThreshold;
      markPending(g);
    }
  }

  /**
   * The Gwei the group counts for from now on: its effective balance in the justified state if it
   * is active and not slashed, else 0.
   */
  public void setBalance(int validatorIndex, long newBalance) {
    checkBalance(newBalance);
    int g = group(validatorIndex);
    if (balance[g] != newBalance) {
      balance[g] = newBalance;
      markPending(g);
    }
  }

  private void markPending(int g) {
    if (!pending[g]) {
      pending[g] = true;
      pendingQueue[pendingCount++] = g;
    }
  }

  /** The number of groups whose weight may have moved since the last {@link #computeDeltas}. */
  public int pendingGroups() {
    return pendingCount;
  }

  /**
   * Recomputes every pending group and adds, per node, {@code new balance * new placements - old
   * balance * old placements} to {@code deltas}, which must cover the whole tree. The proto-array
   * then adds each node's delta to the node and its ancestors.
   */
  public void computeDeltas(long[] deltas) {
    if (deltas.length < tree.size()) {
      throw new IllegalArgumentException(
          "deltas cover " + deltas.length + " nodes, the tree has " + tree.size());
    }
    int[] votes = members.votes();
    for (int i = 0; i < pendingCount; i++) {
      int g = pendingQueue[i];
      pending[g] = false;
      support.compute(tree, votes, firstMember[g], memberCount[g], threshold[g]);
      applied.replace(g, balance[g], support, deltas);
    }
    pendingCount = 0;
  }

  /**
   * Follows the proto-array pruning its first {@code offset} nodes (every remaining index has
   * moved down by {@code offset}). Latest messages for pruned blocks stop counting, as those
   * blocks support no remaining block; their epochs are kept, so older messages still cannot
   * replace them. Placements at pruned nodes are dropped with no delta, since the weights the
   * proto-array keeps never contained them. Pending groups stay pending.
   */
  public void prune(int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("negative prune offset " + offset);
    }
    if (offset == 0) {
      return;
    }
    members.prune(offset);
    applied.prune(offset, groups);
  }

  /** The number of groups tracked. */
  public int groupCount() {
    return groups;
  }

  /**
   * The target epoch of the member key's latest message, or -1 if it has none. Kept after an
   * equivocation (the message no longer counts, but the epoch shows how far the key got).
   */
  public long latestEpoch(int validatorIndex, int member) {
    int g = group(validatorIndex);
    return members.epoch(memberSlot(g, member));
  }

  /** Whether the member's key has equivocated (and its messages are ignored). */
  public boolean isEquivocating(int validatorIndex, int member) {
    int g = group(validatorIndex);
    return members.isEquivocating(memberSlot(g, member));
  }

  /** The node the member's latest message counts for, or {@code NONE} (see {@link #onMemberVote}). */
  public int countedVote(int validatorIndex, int member) {
    int g = group(validatorIndex);
    return members.votes()[memberSlot(g, member)];
  }

  /**
   * The placements the group's weight was last applied with, as {@code node, multiplier} pairs,
   * and the balance they carry ({@link #appliedBalance}); pending changes are not in them yet.
   */
  public int[] appliedPlacements(int validatorIndex) {
    return applied.pairs(group(validatorIndex));
  }

  /** The balance the group's applied placements carry. */
  public long appliedBalance(int validatorIndex) {
    return applied.balance(group(validatorIndex));
  }
}
