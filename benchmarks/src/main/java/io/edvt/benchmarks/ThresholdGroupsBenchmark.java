package io.edvt.benchmarks;

import io.edvt.forkchoice.threshold.GroupVoteLayer;
import io.edvt.forkchoice.tree.BlockTreeView;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * EDVT's threshold-GHOST vote layer for one slot's worth of attestations: 1/32 of the groups
 * (all members of a group attest in their validator's slot) send one new latest message per
 * member, and the layer recomputes those groups and emits the per-node deltas a proto-array
 * applies. {@code groups} groups of 7 keys with threshold 5: 100,000 groups are 700,000 member
 * keys; 14,286 groups are 100,000 keys, EDVT's share in a 1M-validator network in the planning
 * figures.
 *
 * <p>The tree has 64 nodes: a 56-block canonical chain and two short forks. Each slot the head
 * moves along the last blocks of the chain (a cycle of 7, so every slot's groups vote for a
 * different block than 32 slots before and their vote nodes really move), and a tenth of the
 * members vote for a fork tip instead, which sends some groups to a common ancestor. The
 * operation times the {@code onKeyVote} calls and {@code computeDeltas}, including clearing the
 * delta array.
 *
 * <p>Run with {@code ./edvt bench ThresholdGroupsBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ThresholdGroupsBenchmark {
  private static final int MEMBERS = 7;
  private static final int THRESHOLD = 5;
  private static final int SLOTS_PER_EPOCH = 32;
  private static final int TREE_NODES = 64;
  private static final int CHAIN = 56;

  @Param({"14286", "100000"})
  public int groups;

  private FixedTree tree;
  private GroupVoteLayer layer;
  private long[] deltas;
  private int[] chain;
  private int[] forkTips;
  // Per member key of a slot's groups: whether it votes for a fork tip, fixed so runs compare.
  private boolean[] votesFork;
  private long slot;

  /** The 64-node tree as parent indices. */
  private static final class FixedTree implements BlockTreeView {
    private final int[] parent;

    FixedTree(int[] parent) {
      this.parent = parent;
    }

    @Override
    public int size() {
      return parent.length;
    }

    @Override
    public int parent(int node) {
      return parent[node];
    }
  }

  @Setup(Level.Trial)
  public void build() {
    int[] parent = new int[TREE_NODES];
    chain = new int[CHAIN];
    parent[0] = BlockTreeView.NONE;
    chain[0] = 0;
    for (int i = 1; i < CHAIN; i++) {
      parent[i] = i - 1;
      chain[i] = i;
    }
    // Two 4-block forks leaving the chain 10 and 6 blocks below the tip.
    int next = CHAIN;
    forkTips = new int[2];
    int[] forkBases = {CHAIN - 11, CHAIN - 7};
    for (int f = 0; f < 2; f++) {
      int node = forkBases[f];
      for (int i = 0; i < 4; i++) {
        parent[next] = node;
        node = next++;
      }
      forkTips[f] = node;
    }
    tree = new FixedTree(parent);
    deltas = new long[TREE_NODES];
    layer = new GroupVoteLayer(tree);
    Random random = new Random(42);
    for (int g = 0; g < groups; g++) {
      int[] keys = new int[MEMBERS];
      for (int member = 0; member < MEMBERS; member++) {
        keys[member] = keyId(g, member);
      }
      layer.setKeySet(validatorIndex(g), keys, THRESHOLD);
      layer.setBalance(validatorIndex(g), MEMBERS * 32_000_000_000L);
    }
    votesFork = new boolean[groupsPerSlot() * MEMBERS];
    for (int i = 0; i < votesFork.length; i++) {
      votesFork[i] = random.nextInt(10) == 0;
    }
    // One epoch of votes so every group has a vote node before measuring.
    for (int s = 0; s < SLOTS_PER_EPOCH; s++) {
      oneSlot();
    }
  }

  /** Groups spread among plain validators, as in a mixed validator set. */
  private static int validatorIndex(int group) {
    return group * 7 + 3;
  }

  /** The store's dense id for a member key: here simply in group order. */
  private static int keyId(int group, int member) {
    return group * MEMBERS + member;
  }

  private int groupsPerSlot() {
    return (groups + SLOTS_PER_EPOCH - 1) / SLOTS_PER_EPOCH;
  }

  @Benchmark
  public long oneSlot() {
    long epoch = slot / SLOTS_PER_EPOCH + 1;
    int first = (int) (slot % SLOTS_PER_EPOCH) * groupsPerSlot();
    int last = Math.min(groups, first + groupsPerSlot());
    int head = chain[CHAIN - 1 - (int) (slot % 7)];
    int k = 0;
    for (int g = first; g < last; g++) {
      for (int member = 0; member < MEMBERS; member++) {
        int node = votesFork[k] ? forkTips[k & 1] : head;
        layer.onKeyVote(keyId(g, member), epoch, node);
        k++;
      }
    }
    Arrays.fill(deltas, 0);
    layer.computeDeltas(deltas);
    slot++;
    return deltas[0] + deltas[head];
  }
}
