package io.edvt.forkchoice.threshold;

import io.edvt.forkchoice.tree.BlockTreeView;

/**
 * Where one threshold group's weight goes in the block tree: its <em>vote node</em>, the one block
 * whose subtree (and ancestors) EDVT's {@code is_supporting} credits with the group's balance
 * (fork-choice.md, {@code get_group_vote_node}). A group's weight counts at most once.
 *
 * <p>With {@code f(v) = [votes in subtree(v) >= m]}, call a <em>leaf</em> a node with {@code f =
 * 1} none of whose children has it. With {@code 2m > n} there is at most one leaf, and it is the
 * vote node: the group is one ordinary vote for its deepest supported block. With {@code 2m <= n}
 * two disjoint sets of {@code m} members can make leaves on sibling forks; the vote node is then
 * the deepest common ancestor of all the leaves, where the group's support is undisputed, so the
 * group never weighs on two competing branches. Leaves in separate trees of a pruned forest have
 * no common ancestor, and the group then supports nothing.
 *
 * <p>How: the votes are carried up the tree as <em>entries</em> (node, votes carried, whether a
 * leaf lies below). The entry with the largest node index is always advanced first. Because a
 * parent's index is smaller than its child's, when an entry at {@code x} is the largest, every
 * vote in {@code x}'s subtree has already been carried up to {@code x}, so the entries at {@code
 * x} are merged and {@code x}'s count is final at that moment. The walk stops as soon as nothing
 * above can change (at most one entry carries a leaf, and the others hold fewer than {@code m}
 * votes). That costs at most one ancestor walk per member, and usually much less: when {@code m}
 * members agree on the head, an old vote of an offline member is never walked.
 *
 * <p>An instance is scratch space, reused from group to group; it is not thread-safe.
 */
public final class GroupSupport {

  // The frontier: live entries are 0 .. live-1 (kept compact by swapping removed ones out).
  private int[] entryNode;
  private int[] entryVotes;
  private boolean[] entryHasLeaf;
  private int live;

  // Leaves found, and how many each entry carries, to find where all of them meet.
  private int[] entryLeaves;
  private int leaves;
  private int allLeavesMeet;
  private int leavesMet;

  /** Scratch space for groups of up to {@code expectedMembers}; larger groups grow it. */
  public GroupSupport(int expectedMembers) {
    allocate(Math.max(1, expectedMembers));
  }

  private void allocate(int members) {
    entryNode = new int[members];
    entryVotes = new int[members];
    entryHasLeaf = new boolean[members];
    entryLeaves = new int[members];
  }

  /**
   * The vote node of a group whose member votes are {@code votes[from .. from+count-1]}
   * (a node index, or {@link BlockTreeView#NONE} for a member without a vote that counts: no latest
   * message, an equivocating key, or a block not in the tree) under threshold {@code threshold}.
   *
   * @return the vote node, or {@link BlockTreeView#NONE} if the group supports no block
   */
  public int voteNode(BlockTreeView tree, int[] votes, int from, int count, int threshold) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
    }
    if (count > entryNode.length) {
      allocate(count);
    }
    leaves = 0;
    allLeavesMeet = BlockTreeView.NONE;
    leavesMet = 0;
    int firstLeaf = BlockTreeView.NONE;
    live = 0;
    for (int i = from; i < from + count; i++) {
      if (votes[i] != BlockTreeView.NONE) {
        entryNode[live] = votes[i];
        entryVotes[live] = 1;
        entryHasLeaf[live] = false;
        entryLeaves[live] = 0;
        live++;
      }
    }
    // The walk can stop once at most one entry carries a leaf and the votes in the others (the
    // only ones that could still form a leaf: a new leaf's subtree holds no old one) are fewer than
    // m. A lone leaf-carrying entry then meets no other on its way up and places nothing more.
    int leafEntries = 0;
    int looseVotes = live;
    while (leafEntries > 1 || looseVotes >= threshold) {
      int top = deepestEntry();
      int node = entryNode[top];
      int votesHere = 0;
      int looseHere = 0;
      int leafBranches = 0;
      int leavesHere = 0;
      // Merge every entry sitting at `node` into `top`. Each came up from a different child (two
      // from the same child would have met, and merged, at that child), or started at `node`.
      for (int i = live - 1; i >= 0; i--) {
        if (entryNode[i] == node) {
          votesHere += entryVotes[i];
          leavesHere += entryLeaves[i];
          if (entryHasLeaf[i]) {
            leafBranches++;
          } else {
            looseHere += entryVotes[i];
          }
          if (i != top) {
            removeEntry(i);
            if (top == live) {
              top = i; // top was the last entry and has just been moved into slot i
            }
          }
        }
      }
      boolean hasLeaf;
      if (leafBranches == 0) {
        hasLeaf = votesHere >= threshold;
        if (hasLeaf) {
          leaves++;
          leavesHere = 1;
          firstLeaf = leaves == 1 ? node : firstLeaf;
          leafEntries++;
        }
      } else {
        hasLeaf = true;
        if (leafBranches >= 2) {
          // Branches meet here; once every leaf found so far meets, this is their deepest common
          // ancestor (a later leaf would have to meet them higher up, recorded then)
          if (leavesHere == leaves) {
            allLeavesMeet = node;
            leavesMet = leaves;
          }
        }
        leafEntries -= leafBranches - 1; // the branches go on as one entry
      }
      if (hasLeaf) {
        looseVotes -= looseHere; // votes merged into a leaf's entry can form no other leaf
      }
      entryVotes[top] = votesHere;
      entryHasLeaf[top] = hasLeaf;
      entryLeaves[top] = leavesHere;
      int parent = tree.parent(node);
      if (parent != BlockTreeView.NONE) {
        entryNode[top] = parent;
      } else {
        // A root of the (possibly pruned) tree: nothing above to support.
        if (entryHasLeaf[top]) {
          leafEntries--;
        } else {
          looseVotes -= votesHere;
        }
        removeEntry(top);
      }
    }
    if (leaves == 1) {
      return firstLeaf;
    }
    return leaves > 1 && leavesMet == leaves ? allLeavesMeet : BlockTreeView.NONE;
  }

  private int deepestEntry() {
    int best = 0;
    for (int i = 1; i < live; i++) {
      if (entryNode[i] > entryNode[best]) {
        best = i;
      }
    }
    return best;
  }

  private void removeEntry(int i) {
    live--;
    entryNode[i] = entryNode[live];
    entryVotes[i] = entryVotes[live];
    entryHasLeaf[i] = entryHasLeaf[live];
    entryLeaves[i] = entryLeaves[live];
  }
}
