package io.edvt.forkchoice.threshold;

import io.edvt.forkchoice.tree.BlockTreeView;
import java.util.Arrays;

/**
 * The votes of EDVT's threshold groups, turned into proto-array weight (threshold GHOST,
 * PROTOCOL.md decision 9; {@code get_attestation_score} in {@code specs/edvt/fork-choice.md}).
 *
 * <p>Each group is one validator whose key set (from the justified state) has {@code n} member
 * keys and threshold {@code m}. The layer keeps the latest message of every member key, and for
 * every group the balance and vote node (see {@link GroupSupport}) currently held by the
 * proto-array. Changes (a key's vote, an equivocation, a balance, a key set) only mark the
 * affected group as pending; {@link #computeDeltas} then recomputes each pending group once and
 * adds the difference to the proto-array's per-node deltas. Validators without a group stay in
 * the Fulu vote layer, which is the special case {@code n = m = 1}.
 *
 * <p><b>Keys, not member positions.</b> As in the spec's store, messages and equivocations belong
 * to keys. A key is named by a <em>key id</em>: a small non-negative int the caller assigns, one
 * per distinct member public key and never reused (arrays are sized by the largest id). Votes are
 * recorded for keys whatever group they are in, so a key that has rotated in (its signatures
 * resolve through the target state) but is not yet in the justified key set keeps its messages
 * until {@link #setKeySet} puts it in, and then counts at once.
 *
 * <p><b>Tree growth needs nothing.</b> Votes only name blocks already in the tree, so a new block
 * has no vote in its subtree when it is added: its own support indicator is 0, no other node's
 * subtree gains a vote, and no group's supported blocks, hence no vote node (see {@link
 * GroupSupport}), change. A group changes only when one of its keys then votes for the new block.
 *
 * <p><b>Pruning</b> ({@link #prune}) follows the proto-array dropping its first nodes: votes for
 * pruned blocks stop counting and vote nodes that are pruned are dropped without a delta (see
 * {@link AppliedVoteNodes#prune} for why that is exact).
 *
 * <p>Groups are named by validator index. Epochs are the target epochs of the messages as longs
 * (spec {@code Epoch}s, far below 2^63). Balances are the Gwei that {@code get_attestation_score}
 * counts for the validator in the justified state: its effective balance if it is active and not
 * slashed, else 0. Not thread-safe: the store calls it from its one fork-choice thread.
 */
public final class GroupVoteLayer {

  private static final int NO_GROUP = -1;

  private final BlockTreeView tree;
  private final KeyMessages messages = new KeyMessages();
  private final AppliedVoteNodes applied = new AppliedVoteNodes();
  private final GroupSupport support = new GroupSupport(16);

  private int[] groupOfValidator = new int[0]; // validator index -> group, or NO_GROUP
  private int[] groupOfKey = new int[0]; // key id -> group whose key set holds it, or NO_GROUP

  // Per group (dense numbers in order of registration): its key ids are
  // memberKey[firstMember[g] .. firstMember[g] + memberCount[g] - 1].
  private int groups;
  private int[] firstMember = new int[0];
  private int[] memberCount = new int[0];
  private int[] threshold = new int[0];
  private long[] balance = new long[0];
  private boolean[] pending = new boolean[0];
  private int[] memberKey = new int[0];
  private int memberSlotsUsed;

  // The groups marked pending since the last computeDeltas, each once.
  private int[] pendingQueue = new int[0];
  private int pendingCount;

  // One group's counting votes, gathered for GroupSupport.
  private int[] groupVotes = new int[16];

  /** A layer over {@code tree}, the proto-array whose node indices the votes and deltas use. */
  public GroupVoteLayer(BlockTreeView tree) {
    this.tree = tree;
  }

  /**
   * Sets validator {@code validatorIndex}'s key set as the fork choice uses it (the justified
   * state's {@code get_validator_key_set}): its member keys, by key id, and its threshold. The
   * first call registers the group, with balance 0 until {@link #setBalance}; later calls follow
   * key rotations and threshold changes. Keys keep their latest messages across the change.
   */
  public void setKeySet(int validatorIndex, int[] keys, int newThreshold) {
    if (validatorIndex < 0) {
      throw new IllegalArgumentException("negative validator index " + validatorIndex);
    }
    if (newThreshold < 1 || newThreshold > keys.length) {
      throw new IllegalArgumentException(
          "need 1 <= threshold <= members, got threshold " + newThreshold + " of " + keys.length);
    }
    int existing = isGroup(validatorIndex) ? groupOfValidator[validatorIndex] : NO_GROUP;
    checkKeys(existing, keys);
    int g = existing != NO_GROUP ? existing : newGroup(validatorIndex);
    boolean changed = threshold[g] != newThreshold || !sameKeys(g, keys);
    if (!changed) {
      return;
    }
    for (int i = 0; i < memberCount[g]; i++) {
      groupOfKey[memberKey[firstMember[g] + i]] = NO_GROUP;
    }
    if (keys.length != memberCount[g]) {
      firstMember[g] = allocateMemberSlots(keys.length); // the old range is left unused
      memberCount[g] = keys.length;
    }
    for (int i = 0; i < keys.length; i++) {
      memberKey[firstMember[g] + i] = keys[i];
      groupOfKey[keys[i]] = g;
      messages.ensureKey(keys[i]);
    }
    threshold[g] = newThreshold;
    markPending(g);
  }

  /**
   * Validator {@code validatorIndex} is weighed as a group no more (its key set in the justified
   * state is no longer a member key set, or it has none, e.g. after the justified checkpoint moved
   * to another branch): its weight leaves the tree at the next {@link #computeDeltas} and its keys
   * are released, so another group's key set may hold them. The keys keep their messages. A later
   * {@link #setKeySet} makes it a group again. Does nothing for a validator that is not a group.
   */
  public void clearKeySet(int validatorIndex) {
    if (!isGroup(validatorIndex)) {
      return;
    }
    int g = groupOfValidator[validatorIndex];
    if (memberCount[g] == 0) {
      return;
    }
    for (int i = 0; i < memberCount[g]; i++) {
      groupOfKey[memberKey[firstMember[g] + i]] = NO_GROUP;
    }
    memberCount[g] = 0; // no member votes: the next computation places nothing
    threshold[g] = 1;
    markPending(g);
  }

  /** Checks that {@code keys} are valid ids, distinct, and in no key set other than {@code g}'s. */
  private void checkKeys(int g, int[] keys) {
    for (int i = 0; i < keys.length; i++) {
      int key = keys[i];
      if (key < 0) {
        throw new IllegalArgumentException("negative key id " + key);
      }
      if (key >= groupOfKey.length) {
        int old = groupOfKey.length;
        groupOfKey = Arrays.copyOf(groupOfKey, Math.max(key + 1, old * 3 / 2 + 16));
        Arrays.fill(groupOfKey, old, groupOfKey.length, NO_GROUP);
      }
      if (groupOfKey[key] != NO_GROUP && groupOfKey[key] != g) {
        throw new IllegalArgumentException("key " + key + " is already in another group's key set");
      }
      for (int j = 0; j < i; j++) {
        if (keys[j] == key) {
          throw new IllegalArgumentException("key " + key + " twice in one key set");
        }
      }
    }
  }

  private boolean sameKeys(int g, int[] keys) {
    if (keys.length != memberCount[g]) {
      return false;
    }
    for (int i = 0; i < keys.length; i++) {
      if (memberKey[firstMember[g] + i] != keys[i]) {
        return false;
      }
    }
    return true;
  }

  private int newGroup(int validatorIndex) {
    if (validatorIndex >= groupOfValidator.length) {
      int old = groupOfValidator.length;
      groupOfValidator =
          Arrays.copyOf(groupOfValidator, Math.max(validatorIndex + 1, old * 3 / 2 + 16));
      Arrays.fill(groupOfValidator, old, groupOfValidator.length, NO_GROUP);
    }
    int g = groups++;
    if (groups > firstMember.length) {
      int capacity = Math.max(groups, firstMember.length * 3 / 2 + 16);
      firstMember = Arrays.copyOf(firstMember, capacity);
      memberCount = Arrays.copyOf(memberCount, capacity);
      threshold = Arrays.copyOf(threshold, capacity);
      balance = Arrays.copyOf(balance, capacity);
      pending = Arrays.copyOf(pending, capacity);
      pendingQueue = Arrays.copyOf(pendingQueue, capacity);
      applied.ensureGroups(capacity);
    }
    groupOfValidator[validatorIndex] = g;
    // An empty key set: setKeySet fills it in right after.
    memberCount[g] = 0;
    threshold[g] = 0;
    return g;
  }

  private int allocateMemberSlots(int count) {
    if (memberSlotsUsed + count > memberKey.length) {
      int capacity = Math.max(memberSlotsUsed + count, memberKey.length * 3 / 2 + 64);
      memberKey = Arrays.copyOf(memberKey, capacity);
    }
    int first = memberSlotsUsed;
    memberSlotsUsed += count;
    if (count > groupVotes.length) {
      groupVotes = new int[count];
    }
    return first;
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

  /**
   * A message from member key {@code key} ({@code update_latest_messages}, EDVT): taken only if
   * {@code targetEpoch} is greater than the key's latest message's and the key has not
   * equivocated. {@code node} is the proto-array index of the attested block, or {@link
   * BlockTreeView#NONE} if the block is not in the tree.
   *
   * @return whether the key's vote moved (its group, if any, is then pending)
   */
  public boolean onKeyVote(int key, long targetEpoch, int node) {
    if (key < 0) {
      throw new IllegalArgumentException("negative key id " + key);
    }
    if (node < BlockTreeView.NONE || node >= tree.size()) {
      throw new IllegalArgumentException("node " + node + " is not in the tree");
    }
    boolean moved = messages.update(key, targetEpoch, node);
    if (moved) {
      markPendingGroupOf(key);
    }
    return moved;
  }

  /**
   * Key {@code key} has equivocated ({@code on_attester_slashing}, EDVT): its vote is discarded now
   * and its later messages are ignored. The other members of its group still count.
   */
  public void onKeyEquivocation(int key) {
    if (key < 0) {
      throw new IllegalArgumentException("negative key id " + key);
    }
    if (messages.markEquivocating(key)) {
      markPendingGroupOf(key);
    }
  }

  private void markPendingGroupOf(int key) {
    if (key < groupOfKey.length && groupOfKey[key] != NO_GROUP) {
      markPending(groupOfKey[key]);
    }
  }

  /**
   * The Gwei the group counts for from now on: its effective balance in the justified state if it
   * is active and not slashed, else 0.
   */
  public void setBalance(int validatorIndex, long newBalance) {
    if (newBalance < 0) {
      throw new IllegalArgumentException("negative balance " + newBalance);
    }
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

  /** Whether the validator's group waits to be computed again at the next {@link #computeDeltas}. */
  public boolean isPending(int validatorIndex) {
    return isGroup(validatorIndex) && pending[groupOfValidator[validatorIndex]];
  }

  /** The number of groups whose weight may have moved since the last {@link #computeDeltas}. */
  public int pendingGroups() {
    return pendingCount;
  }

  /**
   * Recomputes every pending group and adds {@code -old balance} at its old vote node and {@code
   * +new balance} at its new one to {@code deltas}, which must cover the whole tree. The proto-array
   * then adds each node's delta to the node and its ancestors.
   */
  public void computeDeltas(long[] deltas) {
    if (deltas.length < tree.size()) {
      throw new IllegalArgumentException(
          "deltas cover " + deltas.length + " nodes, the tree has " + tree.size());
    }
    int[] votes = messages.votes();
    for (int i = 0; i < pendingCount; i++) {
      int g = pendingQueue[i];
      pending[g] = false;
      int first = firstMember[g];
      int n = memberCount[g];
      for (int j = 0; j < n; j++) {
        groupVotes[j] = votes[memberKey[first + j]];
      }
      applied.replace(g, balance[g], support.voteNode(tree, groupVotes, 0, n, threshold[g]), deltas);
    }
    pendingCount = 0;
  }

  /**
   * Follows the proto-array pruning its first {@code offset} nodes (every remaining index has
   * moved down by {@code offset}). Latest messages for pruned blocks stop counting, as those
   * blocks support no remaining block; their epochs are kept, so older messages still cannot
   * replace them. Vote nodes that are pruned are dropped with no delta, since the weights the
   * proto-array keeps never contained them. Every group is then pending.
   */
  public void prune(int offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("negative prune offset " + offset);
    }
    if (offset == 0) {
      return;
    }
    messages.prune(offset);
    applied.prune(offset, groups);
    // Pruning can move a split group's vote node into the kept tree (a branch whose supported
    // blocks met the others only in the pruned part leaves the group's view), so every group is
    // computed again at the next computeDeltas: pruning follows finalization, so this is rare.
    for (int g = 0; g < groups; g++) {
      markPending(g);
    }
  }

  /** The number of groups tracked. */
  public int groupCount() {
    return groups;
  }

  /**
   * The target epoch of the key's latest message, or -1 if it has none. Kept after an
   * equivocation (the message no longer counts, but the epoch shows how far the key got).
   */
  public long latestEpoch(int key) {
    return messages.epoch(key);
  }

  /** Whether the key has equivocated (its messages are ignored; {@code is_head_weak} asks this). */
  public boolean isEquivocating(int key) {
    return messages.isEquivocating(key);
  }

  /** The node the key's latest message counts for, or {@code NONE} (see {@link #onKeyVote}). */
  public int countedVote(int key) {
    return messages.vote(key);
  }

  /**
   * The vote node the group's weight was last applied at, carrying {@link #appliedBalance}, or
   * {@code NONE}; pending changes are not in it yet.
   */
  public int appliedVoteNode(int validatorIndex) {
    return applied.voteNode(group(validatorIndex));
  }

  /**
   * Whether the group's applied weight counts at {@code node} (spec {@code is_supporting}): its
   * vote node is in {@code node}'s subtree, with a balance above zero.
   */
  public boolean supports(int validatorIndex, int node) {
    if (!isGroup(validatorIndex) || appliedBalance(validatorIndex) == 0) {
      return false;
    }
    int voteNode = appliedVoteNode(validatorIndex);
    return voteNode != BlockTreeView.NONE && isInSubtree(tree, voteNode, node);
  }

  private static boolean isInSubtree(BlockTreeView tree, int node, int root) {
    int n = node;
    while (n > root) {
      n = tree.parent(n);
    }
    return n == root;
  }

  /** The balance the group's applied vote node carries. */
  public long appliedBalance(int validatorIndex) {
    return applied.balance(group(validatorIndex));
  }
}
