package io.edvt.benchmarks;

import io.edvt.forkchoice.store.TreeWeights;
import io.edvt.forkchoice.tree.BlockTreeView;
import io.edvt.forkchoice.votes.JustifiedState;
import io.edvt.forkchoice.votes.VoteLayer;
import io.edvt.forkchoice.votes.VoteLayers;
import io.edvt.groups.VirtualIndex;
import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.config.SpecConfig;
import io.edvt.spec.datastructures.operations.AttestationData;
import io.edvt.spec.datastructures.operations.IndexedAttestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.Checkpoint;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.logic.SpecEdvt;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import io.edvt.spec.schemas.SchemaDefinitionsFulu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.bytes.Bytes;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@code get_head} after one slot's worth of new votes, with 1M validators' worth of stake and a
 * 64-block non-finalized tree (issue 5): the work a node's fork choice does per slot once the
 * attestations have been verified at gossip.
 *
 * <p>{@link #getHeadOnly} times the {@code get_head} call alone, the slot's votes recorded in the
 * untimed set-up. In {@link #oneSlot}, one operation is one slot: the indexed attestations of the slot's 64 committees (1/32 of the
 * validators) go to the milestone's {@link VoteLayer} ({@code on_attestation}'s
 * {@code update_latest_messages}: EDVT resolves every virtual index at the target state, as
 * {@code EdvtVoteLayer} does in a node), then {@link TreeWeights#selectHead} — the store's
 * {@code get_head} — computes the vote deltas (for EDVT: the plain validators' and the groups'
 * threshold vote nodes), applies them to the proto-array and finds the best viable descendant of
 * the justified block. Signature checks and the committee lookups of
 * {@code get_indexed_attestation} are not timed (both happen at gossip validation); the indexed
 * attestations of the next slot are made in an untimed per-invocation set-up.
 *
 * <p>{@code load}: {@code fulu} is the 1M-validator Fulu bench state with Fulu's vote tracker;
 * {@code edvt-G} is the same state upgraded to EDVT with {@code G} groups of 7 (threshold 5)
 * carved out of it ({@link GroupedBenchStates}: {@code edvt-14286} is 10 % of the stake in groups,
 * {@code edvt-100000} is 70 %), with EDVT's vote layer; {@code edvt-0} is EDVT without groups.
 * Every validator in a committee attests; a group's 7 members each sign (virtual indices
 * {@code j * 2**41 + v}). Per committee there are two aggregates: about 90 % of the keys vote for
 * the slot's head, 10 % (chosen per key, so a group may split) for the tip of a short fork.
 *
 * <p>The tree: a 56-block chain from the justified (and finalized) block and two 4-block forks
 * off it. The head block of slot {@code s} is one of the chain's last 7 blocks ({@code s mod 7}),
 * so each slot's attesters move their votes. Target epochs grow by one every 32 slots, so every
 * vote is new. The justified checkpoint stays the same: the sweep of the registry a new justified
 * state costs (once per epoch at most) is done in set-up, before the first measured slot, after
 * one epoch of votes has been cast.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xmx8g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 4)
@Measurement(iterations = 5, time = 4)
public class GetHeadBenchmark {
  private static final int TREE_NODES = 64;
  private static final int CHAIN = 56;
  private static final long MEMBER_MULTIPLIER = VirtualIndex.MEMBER_INDEX_MULTIPLIER;

  @Param({"fulu", "edvt-0", "edvt-14286", "edvt-100000"})
  public String load;

  private int slotsPerEpoch;
  private BeaconState state;
  private TreeWeights weights;
  private VoteLayer votes;
  private JustifiedState justified;
  private Checkpoint finalized;
  private UInt64 currentEpoch;
  private int[] chain;
  private int[] forkTips;
  private Checkpoint source;
  private ContainerType<IndexedAttestation> indexedType;

  /** Per slot of the epoch, per aggregate: its committee index, whether it votes for a fork tip, its attesting indices. */
  private Aggregate[][] aggregates;

  private record Aggregate(int committee, boolean fork, SszList<UInt64> indices) {}

  // the next slot's attestations, made before each invocation
  private long slot;
  private IndexedAttestation[] next;
  private int[] nextNodes;

  @Setup(Level.Trial)
  public void build() {
    SpecConfig config = GroupedBenchStates.config();
    SpecFulu fulu = new SpecFulu(config);
    slotsPerEpoch = config.slotsPerEpoch();
    BeaconState base = GroupedBenchStates.fulu(fulu);
    SpecFulu spec;
    VoteLayer.Factory layers;
    int groups;
    if (load.equals("fulu")) {
      spec = fulu;
      layers = VoteLayers.fulu(fulu);
      state = base;
      groups = 0;
    } else if (load.startsWith("edvt-")) {
      SpecEdvt edvt = new SpecEdvt(config);
      spec = edvt;
      layers = VoteLayers.edvt(edvt);
      groups = Integer.parseInt(load.substring("edvt-".length()));
      state = GroupedBenchStates.edvt(edvt, base, groups);
    } else {
      throw new IllegalArgumentException("load is fulu or edvt-<groups>, not " + load);
    }
    SchemaDefinitionsFulu schemas = spec.schemas();
    indexedType = schemas.indexedAttestation();
    buildTree(layers);
    buildAggregates(spec, schemas.attestingIndices(), groups);
    // one epoch of votes, and the first head with them (the justified sweep happens here)
    for (int s = 0; s < slotsPerEpoch; s++) {
      prepareSlot();
      oneSlot();
    }
  }

  private void buildTree(VoteLayer.Factory factory) {
    weights = new TreeWeights(factory, slotsPerEpoch);
    votes = weights.votes();
    long epoch = GroupedBenchStates.STATE_EPOCH;
    currentEpoch = UInt64.valueOf(epoch);
    UInt64 justifiedEpoch = UInt64.valueOf(epoch - 1);
    long firstSlot = (epoch - 2) * slotsPerEpoch; // the finalized checkpoint's block
    int[] parent = new int[TREE_NODES];
    long[] slots = new long[TREE_NODES];
    chain = new int[CHAIN];
    parent[0] = BlockTreeView.NONE;
    slots[0] = firstSlot;
    for (int i = 1; i < CHAIN; i++) {
      parent[i] = i - 1;
      slots[i] = firstSlot + i;
      chain[i] = i;
    }
    forkTips = new int[2];
    int next = CHAIN;
    int[] forkBases = {CHAIN - 11, CHAIN - 7};
    for (int f = 0; f < 2; f++) {
      int node = forkBases[f];
      for (int i = 0; i < 4; i++) {
        parent[next] = node;
        slots[next] = slots[node] + 1;
        node = next++;
      }
      forkTips[f] = node;
    }
    for (int i = 0; i < TREE_NODES; i++) {
      Bytes32 parentRoot = parent[i] == BlockTreeView.NONE ? Bytes32.ZERO : root(parent[i]);
      weights.protoArray().add(root(i), parentRoot, UInt64.valueOf(slots[i]), justifiedEpoch, justifiedEpoch);
    }
    // the tree's first block is both the justified and the finalized checkpoint's block
    Checkpoint justifiedCheckpoint = Checkpoint.create(justifiedEpoch, root(0));
    justified = new JustifiedState(justifiedCheckpoint, state);
    finalized = Checkpoint.create(UInt64.valueOf(epoch - 2), root(0));
    source = justifiedCheckpoint;
  }

  private static Bytes32 root(int node) {
    byte[] b = new byte[32];
    b[0] = (byte) 0xB1;
    b[31] = (byte) node;
    return Bytes32.wrap(b);
  }

  /**
   * The committees of the state's current epoch, as attesting indices: a group's validator
   * stands for its 7 members' virtual indices.
   */
  private void buildAggregates(SpecFulu spec, ListType<UInt64> indicesType, int groups) {
    MutableBeaconState view = new MutableBeaconState(state);
    UInt64 epoch = currentEpoch;
    BitSet isGroup = new BitSet();
    for (int g = 0; g < groups; g++) {
      isGroup.set(GroupedBenchStates.groupValidator(g, groups));
    }
    int committees = spec.accessors().getCommitteeCountPerSlot(view, epoch);
    aggregates = new Aggregate[slotsPerEpoch][];
    for (int s = 0; s < slotsPerEpoch; s++) {
      UInt64 slot = epoch.times(slotsPerEpoch).plus(s);
      List<Aggregate> out = new ArrayList<>();
      for (int c = 0; c < committees; c++) {
        List<Long> head = new ArrayList<>();
        List<Long> fork = new ArrayList<>();
        for (int v : spec.accessors().getBeaconCommittee(view, slot, c)) {
          int members = isGroup.get(v) ? GroupedBenchStates.GROUP_SIZE : 1;
          for (int j = 0; j < members; j++) {
            long index = j * MEMBER_MULTIPLIER + v;
            (votesForFork(index) ? fork : head).add(index);
          }
        }
        out.add(aggregate(c, false, head, indicesType));
        out.add(aggregate(c, true, fork, indicesType));
      }
      aggregates[s] = out.toArray(new Aggregate[0]);
    }
  }

  private static Aggregate aggregate(int committee, boolean fork, List<Long> indices, ListType<UInt64> type) {
    long[] sorted = indices.stream().mapToLong(Long::longValue).sorted().toArray();
    List<UInt64> values = Arrays.stream(sorted).mapToObj(UInt64::valueOf).toList();
    return new Aggregate(committee, fork, type.of(values));
  }

  /** A tenth of the keys, fixed per key, vote for a fork tip. */
  private static boolean votesForFork(long index) {
    long z = index * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 31)) * 0xBF58476D1CE4E5B9L;
    return Long.remainderUnsigned(z ^ (z >>> 29), 10) == 0;
  }

  /** The indexed attestations of slot {@code slot} (untimed): data for its head and fork tips. */
  @Setup(Level.Invocation)
  public void nextSlot(BenchmarkParams params) {
    prepareSlot();
    if (params.getBenchmark().endsWith(".getHeadOnly")) {
      recordVotes(); // the votes arrive before get_head is asked; only get_head is timed
    }
  }

  private void prepareSlot() {
    int inEpoch = (int) (slot % slotsPerEpoch);
    UInt64 targetEpoch = currentEpoch.plus(slot / slotsPerEpoch);
    UInt64 attSlot = targetEpoch.times(slotsPerEpoch).plus(inEpoch);
    Checkpoint target = Checkpoint.create(targetEpoch, root(chain[CHAIN - 8]));
    int head = chain[CHAIN - 1 - (int) (slot % 7)];
    Aggregate[] slotAggregates = aggregates[inEpoch];
    next = new IndexedAttestation[slotAggregates.length];
    nextNodes = new int[slotAggregates.length];
    for (int i = 0; i < slotAggregates.length; i++) {
      Aggregate a = slotAggregates[i];
      int node = a.fork() ? forkTips[a.committee() & 1] : head;
      AttestationData data = AttestationData.create(attSlot, UInt64.valueOf(a.committee()), root(node), source, target);
      next[i] = IndexedAttestation.create(indexedType, a.indices(), data, Bytes.wrap(new byte[96]));
      nextNodes[i] = node;
    }
  }

  private void recordVotes() {
    for (int i = 0; i < next.length; i++) {
      votes.onAttestation(next[i], state, nextNodes[i]);
    }
  }

  @Benchmark
  public int oneSlot() {
    recordVotes();
    slot++;
    return weights.selectHead(justified, finalized, currentEpoch, Bytes32.ZERO, () -> 0L);
  }

  /**
   * The {@code get_head} call alone: the slot's votes were recorded (by {@code on_attestation}, as
   * they arrived) in the untimed set-up; the call computes their deltas (EDVT: the Fulu tracker's
   * and the changed groups' vote nodes), applies them and finds the head.
   */
  @Benchmark
  public int getHeadOnly() {
    slot++;
    return weights.selectHead(justified, finalized, currentEpoch, Bytes32.ZERO, () -> 0L);
  }
}
