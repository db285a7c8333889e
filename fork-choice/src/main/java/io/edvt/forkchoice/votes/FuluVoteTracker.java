package io.edvt.forkchoice.votes;

import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.Validator;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Supplier;

/**
 * Fulu's votes: {@code store.latest_messages} (one per validator: target epoch and block) and
 * {@code store.equivocating_indices}, turned into proto-array deltas.
 *
 * <p>Per validator it remembers where its weight currently sits in the tree ({@code current},
 * with the balance it added there) and where its latest message points ({@code next}). A delta
 * moves the weight from the first to the second. Only validators whose message or equivocation
 * changed since the last computation are visited, so a computation costs O(changed votes +
 * nodes); all validators are visited only when the justified checkpoint (and with it the
 * balances) changed, or when the tree is pruned.
 *
 * <p>The balance of a validator is {@code get_attestation_score}'s: its effective balance in the
 * justified checkpoint state when it is active in that state's current epoch and not slashed,
 * else zero.
 */
public final class FuluVoteTracker implements VoteLayer {
  /** {@code next} of a validator with no latest message. */
  private static final int NO_MESSAGE = -2;

  private final SpecFulu spec;
  private int[] currentNode = new int[0];
  private long[] currentBalance = new long[0];
  private int[] nextNode = new int[0];
  private long[] nextEpoch = new long[0];
  private final BitSet equivocating = new BitSet();
  private int[] dirty = new int[64];
  private int dirtyCount;
  private final BitSet isDirty = new BitSet();
  private Checkpoint balancesCheckpoint;
  private long[] balances = new long[0];

  public FuluVoteTracker(SpecFulu spec) {
    this.spec = spec;
  }

  @Override
  public void onAttestation(IndexedAttestation indexed, BeaconState targetState, int blockNode) {
    recordAttestation(indices(indexed), indexed.data().target().epoch(), blockNode);
  }

  /**
   * {@code update_latest_messages}: the validators {@code attestingIndices} voted for node
   * {@code blockNode} with target epoch {@code targetEpoch}. A validator's vote moves only to a
   * later target epoch; equivocating validators are ignored.
   */
  public void recordAttestation(int[] attestingIndices, UInt64 targetEpoch, int blockNode) {
    if (blockNode < 0) {
      throw new IllegalArgumentException("a vote must be for a node of the tree, not " + blockNode);
    }
    long epoch = targetEpoch.longValue();
    for (int v : attestingIndices) {
      if (equivocating.get(v)) {
        continue;
      }
      ensureCapacity(v + 1);
      if (nextNode[v] == NO_MESSAGE || Long.compareUnsigned(epoch, nextEpoch[v]) > 0) {
        nextNode[v] = blockNode;
        nextEpoch[v] = epoch;
        markDirty(v);
      }
    }
  }

  /** {@code on_attester_slashing}: the validators in both attestations are equivocating. */
  @Override
  public void onAttesterSlashing(IndexedAttestation attestation1, IndexedAttestation attestation2, BeaconState state) {
    BitSet first = new BitSet();
    for (int v : indices(attestation1)) {
      first.set(v);
    }
    for (int v : indices(attestation2)) {
      if (first.get(v)) {
        recordEquivocation(v);
      }
    }
  }

  @Override
  public boolean isEquivocating(BeaconState state, int validatorIndex, UInt64 epoch) {
    return isEquivocating(validatorIndex);
  }

  /**
   * {@code validatorIndex} is in {@code store.equivocating_indices} from now on; its weight leaves
   * the tree at the next {@link #computeDeltas}.
   */
  public void recordEquivocation(int validatorIndex) {
    if (!equivocating.get(validatorIndex)) {
      equivocating.set(validatorIndex);
      ensureCapacity(validatorIndex + 1);
      markDirty(validatorIndex);
    }
  }

  /** Whether {@code validatorIndex} is in {@code store.equivocating_indices}. */
  public boolean isEquivocating(int validatorIndex) {
    return equivocating.get(validatorIndex);
  }

  /** The node of the validator's latest message, or {@link BlockTreeView#NONE} (none, or pruned). */
  public int latestMessageNode(int validatorIndex) {
    if (validatorIndex >= nextNode.length || nextNode[validatorIndex] == NO_MESSAGE) {
      return BlockTreeView.NONE;
    }
    return nextNode[validatorIndex];
  }

  @Override
  public long[] computeDeltas(BlockTreeView tree, JustifiedState justified) {
    return computeDeltas(tree.size(), justified.checkpoint(), () -> justifiedBalances(justified.state()));
  }

  /**
   * {@link #computeDeltas(BlockTreeView, JustifiedState)} with the balances of a new justified
   * {@code checkpoint} given by the caller ({@code balancesIfNew}, asked only when the checkpoint
   * changed): EDVT weighs its groups elsewhere and gives them 0 here.
   */
  public long[] computeDeltas(int nodes, Checkpoint checkpoint, Supplier<long[]> balancesIfNew) {
    long[] deltas = new long[nodes];
    if (!checkpoint.equals(balancesCheckpoint)) {
      balances = balancesIfNew.get();
      balancesCheckpoint = checkpoint;
      for (int v = 0; v < nextNode.length; v++) {
        move(v, deltas);
      }
    } else {
      for (int i = 0; i < dirtyCount; i++) {
        move(dirty[i], deltas);
      }
    }
    dirtyCount = 0;
    isDirty.clear();
    return deltas;
  }

  /** Moves validator {@code v}'s weight from where it sits to its latest message, at its current balance. */
  private void move(int v, long[] deltas) {
    int target = equivocating.get(v) || nextNode[v] == NO_MESSAGE ? BlockTreeView.NONE : nextNode[v];
    long balance = target == BlockTreeView.NONE || v >= balances.length ? 0 : balances[v];
    int from = currentNode[v];
    if (from == target && currentBalance[v] == balance) {
      return;
    }
    if (from != BlockTreeView.NONE) {
      deltas[from] -= currentBalance[v];
    }
    if (target != BlockTreeView.NONE) {
      deltas[target] += balance;
    }
    currentNode[v] = target;
    currentBalance[v] = balance;
  }

  @Override
  public void prune(int offset) {
    if (offset <= 0) {
      return;
    }
    for (int v = 0; v < nextNode.length; v++) {
      if (currentNode[v] != BlockTreeView.NONE) {
        currentNode[v] -= offset;
        if (currentNode[v] < 0) {
          // the weight went away with the dropped node
          currentNode[v] = BlockTreeView.NONE;
          currentBalance[v] = 0;
          markDirty(v);
        }
      }
      if (nextNode[v] >= 0) {
        nextNode[v] = nextNode[v] >= offset ? nextNode[v] - offset : BlockTreeView.NONE;
      }
    }
  }

  /**
   * {@code get_attestation_score}'s balance per validator: its effective balance in the justified
   * state if it is active in that state's current epoch and not slashed, else 0.
   */
  public long[] justifiedBalances(BeaconState state) {
    UInt64 epoch = spec.misc().computeEpochAtSlot(state.slot());
    int n = state.validators().size();
    long[] out = new long[n];
    int i = 0;
    for (Validator validator : state.validators()) {
      if (!validator.slashed() && spec.predicates().isActiveValidator(validator, epoch)) {
        out[i] = validator.effectiveBalance().longValue();
      }
      i++;
    }
    return out;
  }

  /** The attesting indices as ints (Fulu's indices are validator indices, well within range). */
  private static int[] indices(IndexedAttestation indexed) {
    long[] values = indexed.attestingIndices().toLongArray(); // no UInt64 per index
    int[] out = new int[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.toIntExact(values[i]);
    }
    return out;
  }

  private void markDirty(int v) {
    if (isDirty.get(v)) {
      return;
    }
    isDirty.set(v);
    if (dirtyCount == dirty.length) {
      dirty = Arrays.copyOf(dirty, dirty.length * 2);
    }
    dirty[dirtyCount++] = v;
  }

  private void ensureCapacity(int n) {
    if (n <= nextNode.length) {
      return;
    }
    int old = nextNode.length;
    int size = Math.max(n, old * 2);
    currentNode = Arrays.copyOf(currentNode, size);
    currentBalance = Arrays.copyOf(currentBalance, size);
    nextNode = Arrays.copyOf(nextNode, size);
    nextEpoch = Arrays.copyOf(nextEpoch, size);
    Arrays.fill(currentNode, old, size, BlockTreeView.NONE);
    Arrays.fill(nextNode, old, size, NO_MESSAGE);
  }
}
