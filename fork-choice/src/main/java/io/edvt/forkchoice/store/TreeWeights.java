package io.edvt.forkchoice.store;

import io.edvt.forkchoice.protoarray.ProtoArray;
import io.edvt.forkchoice.protoarray.ViableLeaves;
import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.forkchoice.votes.JustifiedState;
import io.edvt.forkchoice.votes.VoteLayer;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.state.Checkpoint;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The weighted block tree behind {@code get_head}: the proto-array, the milestone's vote layer,
 * and the proposer boost as currently folded into the weights. Choosing the head brings the
 * weights up to date with the vote layer's deltas and the boost's change, then lets the
 * proto-array pick the best viable descendant of the justified block.
 *
 * <p>Public so that the head computation can be driven without blocks and state transitions
 * (the fork-choice benchmarks feed a vote layer one slot's attestations and call
 * {@link #selectHead} on a prepared tree); the store is its only user in a node.
 */
public final class TreeWeights {
  private final ProtoArray protoArray = new ProtoArray();
  private final VoteLayer votes;
  private final int slotsPerEpoch;
  private int appliedBoostNode = BlockTreeView.NONE;
  private long appliedBoostAmount;

  /** Weights over an empty proto-array, with the vote layer {@code votes} makes for it. */
  public TreeWeights(VoteLayer.Factory votes, int slotsPerEpoch) {
    this.votes = votes.create(protoArray);
    this.slotsPerEpoch = slotsPerEpoch;
  }

  public ProtoArray protoArray() {
    return protoArray;
  }

  public VoteLayer votes() {
    return votes;
  }

  /**
   * {@code get_head}: the head's node, for the store's justified and finalized checkpoints at
   * {@code currentEpoch}, with {@code boostRoot} (zero: none) boosted by {@code boostAmount}.
   */
  public int selectHead(JustifiedState justified, Checkpoint finalized, UInt64 currentEpoch, Bytes32 boostRoot, LongSupplier boostAmount) {
    long[] deltas = votes.computeDeltas(protoArray, justified);
    int boostNode = boostRoot.equals(Bytes32.ZERO) ? BlockTreeView.NONE : protoArray.indexOf(boostRoot);
    long amount = boostNode == BlockTreeView.NONE ? 0 : boostAmount.getAsLong();
    if (appliedBoostNode != BlockTreeView.NONE) {
      deltas[appliedBoostNode] -= appliedBoostAmount;
    }
    if (boostNode != BlockTreeView.NONE) {
      deltas[boostNode] += amount;
    }
    appliedBoostNode = boostNode;
    appliedBoostAmount = amount;
    protoArray.applyDeltas(deltas);
    protoArray.updateBestDescendants(ViableLeaves.of(protoArray, slotsPerEpoch, currentEpoch,
        justified.checkpoint().epoch(), finalized.epoch(), finalized.root()));
    return protoArray.head(protoArray.indexOf(justified.checkpoint().root()));
  }

  /**
   * {@code get_attestation_score} of the block {@code root}: its weight without the proposer
   * boost, as of the last {@link #selectHead}.
   */
  long attestationScore(Bytes32 root) {
    int node = protoArray.indexOf(root);
    long weight = protoArray.weight(node);
    if (appliedBoostNode != BlockTreeView.NONE && protoArray.isAncestorOrSelf(node, appliedBoostNode)) {
      weight -= appliedBoostAmount;
    }
    return weight;
  }

  /** Drops the nodes before {@code keepFrom} from the tree and the vote layer; returns their roots. */
  List<Bytes32> prune(int keepFrom) {
    List<Bytes32> dropped = protoArray.prune(keepFrom);
    votes.prune(keepFrom);
    if (appliedBoostNode != BlockTreeView.NONE) {
      // a dropped boosted node took its boost (and all of its ancestors) with it
      appliedBoostNode = appliedBoostNode >= keepFrom ? appliedBoostNode - keepFrom : BlockTreeView.NONE;
      appliedBoostAmount = appliedBoostNode == BlockTreeView.NONE ? 0 : appliedBoostAmount;
    }
    return dropped;
  }
}
