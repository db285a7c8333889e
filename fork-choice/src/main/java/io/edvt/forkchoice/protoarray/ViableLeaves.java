package io.edvt.forkchoice.protoarray;

import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.function.IntPredicate;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The leaf test of the spec's {@code filter_block_tree} (phase0, unchanged through Fulu): a leaf
 * may be the head when its voting source ({@code get_voting_source}) is the store's justified
 * epoch or at most two epochs old (or the store is still justified at genesis), and the chain of
 * the leaf has the store's finalized block as its checkpoint block at the finalized epoch (or
 * the store is still finalized at genesis).
 *
 * <p>Whether a node's checkpoint block at the finalized epoch is the finalized block is worked
 * out for all nodes in one forward pass: the finalized block itself qualifies; another node
 * qualifies when its slot is after the finalized epoch's start slot and its parent qualifies
 * ({@code get_ancestor} walks past exactly those). O(nodes) for the whole tree.
 */
public final class ViableLeaves {
  private ViableLeaves() {}

  /**
   * @param currentEpoch {@code get_current_store_epoch(store)}
   * @param justifiedEpoch {@code store.justified_checkpoint.epoch}
   * @param finalizedEpoch {@code store.finalized_checkpoint.epoch}
   * @param finalizedRoot {@code store.finalized_checkpoint.root}
   */
  public static IntPredicate of(ProtoArray tree, int slotsPerEpoch, UInt64 currentEpoch,
      UInt64 justifiedEpoch, UInt64 finalizedEpoch, Bytes32 finalizedRoot) {
    boolean anyJustified = justifiedEpoch.isZero();
    boolean anyFinalized = finalizedEpoch.isZero();
    boolean[] descendsFromFinalized = anyFinalized ? null : descendsFromFinalized(tree, slotsPerEpoch, finalizedEpoch, finalizedRoot);
    return node -> {
      UInt64 blockEpoch = tree.slot(node).dividedBy(slotsPerEpoch);
      // get_voting_source: a block from a prior epoch votes with its pulled-up justification
      UInt64 votingSource = currentEpoch.isGreaterThan(blockEpoch)
          ? tree.unrealizedJustifiedEpoch(node) : tree.justifiedEpoch(node);
      boolean correctJustified = anyJustified
          || votingSource.equals(justifiedEpoch)
          || votingSource.plus(2).isGreaterThanOrEqualTo(currentEpoch);
      boolean correctFinalized = anyFinalized || descendsFromFinalized[node];
      return correctJustified && correctFinalized;
    };
  }

  private static boolean[] descendsFromFinalized(ProtoArray tree, int slotsPerEpoch, UInt64 finalizedEpoch, Bytes32 finalizedRoot) {
    UInt64 finalizedSlot = finalizedEpoch.times(slotsPerEpoch);
    int finalizedIndex = tree.indexOf(finalizedRoot);
    boolean[] out = new boolean[tree.size()];
    for (int i = 0; i < out.length; i++) {
      int p = tree.parent(i);
      out[i] = i == finalizedIndex
          || (tree.slot(i).isGreaterThan(finalizedSlot) && p != BlockTreeView.NONE && out[p]);
    }
    return out;
  }
}
