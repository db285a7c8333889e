package io.edvt.forkchoice.threshold;

import io.edvt.forkchoice.tree.BlockTreeView;
import java.util.Arrays;

/**
 * Where one threshold group's weight goes in the block tree: its <em>placements</em>, a few
 * (node, multiplier) pairs such that for every node {@code v} the multipliers placed in
 * {@code v}'s subtree add up to 1 if at least {@code m} member votes lie in that subtree and to 0
 * otherwise. A proto-array that adds {@code balance * multiplier} at each placed node and
 * propagates it to the ancestors therefore gives every node exactly the weight that EDVT's
 * {@code get_attestation_score} gives it for this group (PROTOCOL.md decision 9).
 *
 * <p>The placements are unique: with {@code f(v) = [votes in subtree(v) >= m]}, the multiplier at
 * {@code v} must be {@code f(v) - sum of f(c) over v's children}. That is +1 at each <em>leaf</em>
 * (a node with {@code m} votes below it, none of whose children has {@code m}), and {@code -(c-1)}
 * at each node where {@code c >= 2} branches leading to leaves meet; everything else is 0. With
 * {@code 2m > n} there is at most one leaf, so a group is one ordinary vote for its deepest
 * supported block; with {@code 2m <= n} two disjoint sets of {@code m} members can make two
 * leaves on sibling forks, and the group then counts on both, as the spec says.
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

  // The result of the last compute: placementNode[i] gets placementMultiplier[i].
  private int[] placementNode;
  private int[] placementMultiplier;
  private int placements;

  /** Scratch space for groups of up to {@code expectedMembers}; larger groups grow it. */
  public GroupSupport(int expectedMembers) {
    allocate(Math.max(1, expectedMembers));
  }

  private void allocate(int members) {
    entryNode = new int[members];
    entryVotes = new int[members];
    entryHasLeaf = new boolean[members];
    // At most members/m leaves plus one fewer branching nodes.
    placementNode = new int[2 * members];
    placementMultiplier = new int[2 * members];
  }

  /**
   * Computes the placements of a group whose member votes are {@code votes[from .. from+count-1]}
   * (a node index, or {@link BlockTreeView#NONE} for a member without a vote that counts: no latest
   * message, an equivocating key, or a block not in the tree) under threshold {@code threshold}.
   *
   * @return the number of placements, read back with {@link #node(int)} and {@link
   *     #multiplier(int)}; valid until the next call
   */
  public int compute(BlockTreeView tree, int[] votes, int from, int count, int threshold) {
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
    }
    if (count > entryNode.length) {
      allocate(count);
    }
    placements = 0;
    live = 0;
    for (int i = from; i < from + count; i++) {
      if (votes[i] != BlockTreeView.NONE) {
        entryNode[live] = votes[i];
        entryVotes[live] = 1;
        entryHasLeaf[live] = false;
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
      // Merge every entry sitting at `node` into `top`. Each came up from a different child (two
      // from the same child would have met, and merged, at that child), or started at `node`.
      for (int i = live - 1; i >= 0; i--) {
        if (entryNode[i] == node) {
          votesHere += entryVotes[i];
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
          place(node, 1);
          leafEntries++;
        }
      } else {
        hasLeaf = true;
        if (leafBranches >= 2) {
          place(node, 1 - leafBranches);
        }
        leafEntries -= leafBranches - 1; // the branches go on as one entry
      }
      if (hasLeaf) {
        looseVotes -= looseHere; // votes merged into a leaf's entry can form no other leaf
      }
      entryVotes[top] = votesHere;
      entryHasLeaf[top] = hasLeaf;
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
    return placements;
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
  }

  private void place(int node, int multiplier) {
    placementNode[placements] = node;
    placementMultiplier[placements] = multiplier;
    placements++;
  }

  /** The number of placements of the last {@link #compute}. */
  public int placementCount() {
    return placements;
  }

  /** The node of placement {@code i} of the last {@link #compute}. */
  public int node(int i) {
    return placementNode[i];
  }

  /** The multiplier of placement {@code i} of the last {@link #compute}: +1, or negative. */
  public int multiplier(int i) {
    return placementMultiplier[i];
  }

  /** The placements of the last {@link #compute} as {@code node, multiplier} pairs (for tests). */
  public int[] toPairs() {
    int[] pairs = new int[2 * placements];
    for (int i = 0; i < placements; i++) {
      pairs[2 * i] = placementNode[i];
      pairs[2 * i + 1] = placementMultiplier[i];
    }
    return pairs;
  }

  @Override
  public String toString() {
    return "GroupSupport" + Arrays.toString(toPairs());
  }
}
