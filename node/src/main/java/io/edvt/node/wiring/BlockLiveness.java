package io.edvt.node.wiring;

import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ChainEvents;
import io.edvt.spec.SpecMilestone;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import io.edvt.spec.datastructures.operations.Attestation;
import io.edvt.spec.datastructures.state.BeaconState;
import io.edvt.spec.datastructures.state.MutableBeaconState;
import io.edvt.spec.edvt.SpecVersions;
import io.edvt.spec.logic.versions.fulu.SpecFulu;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Which validators the node has seen live, by epoch, from the blocks it imports: the attesters of
 * each attestation a block carries (by the attestation's target epoch; virtual indices in EDVT, so
 * a group member is seen as itself) and the block's proposer (by the block's epoch). Blocks carry
 * the network's attestations within a slot or two, from gossip and from sync alike, so this is the
 * node's own view for doppelganger detection. It keeps the last {@link #KEPT_EPOCHS} epochs; it
 * computes committees for every attestation of every block, so it runs only while something asks
 * ({@link #stop}).
 */
final class BlockLiveness implements ChainEvents {
  private static final System.Logger LOG = System.getLogger(BlockLiveness.class.getName());
  static final int KEPT_EPOCHS = 4;

  private final SpecVersions versions;
  private final Chain chain;
  private final Map<Long, Set<Long>> live = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  BlockLiveness(SpecVersions versions, Chain chain) {
    this.versions = versions;
    this.chain = chain;
  }

  @Override
  public void onBlockImported(BlockImported event) {
    if (stopped) {
      return;
    }
    try {
      var stored = chain.readForkChoice(f -> f.block(event.root())).get(10, TimeUnit.SECONDS);
      if (stored != null) {
        record(stored.block(), stored.state());
      }
    } catch (Exception e) {
      LOG.log(System.Logger.Level.DEBUG, "liveness of block {0} not read: {1}", event.root(), e.toString());
    }
  }

  /** Records the proposer and attesters of {@code block}, whose post-state is {@code state}. */
  void record(BeaconBlock block, BeaconState state) {
    SpecFulu spec = versions.forState(state);
    long blockEpoch = spec.misc().computeEpochAtSlot(block.slot()).longValue();
    add(blockEpoch, block.proposerIndex().longValue());
    MutableBeaconState view = new MutableBeaconState(state);
    boolean edvt = SpecVersions.milestoneOf(state) == SpecMilestone.EDVT;
    for (Attestation attestation : block.body().attestations()) {
      long target = attestation.data().target().epoch().longValue();
      try {
        if (edvt) {
          versions.edvt().accessors().getVirtualAttestingIndices(view, attestation).forEach(i -> add(target, i));
        } else {
          spec.accessors().getAttestingIndices(view, attestation).forEach(i -> add(target, i));
        }
      } catch (RuntimeException e) {
        // an attestation of a fork the post-state is not of: not counted
      }
    }
    long oldest = blockEpoch - KEPT_EPOCHS;
    live.keySet().removeIf(e -> e < oldest);
  }

  private void add(long epoch, long index) {
    live.computeIfAbsent(epoch, e -> ConcurrentHashMap.newKeySet()).add(index);
  }

  /** Those of {@code indices} seen live in {@code epoch}. */
  Set<Long> liveAt(long epoch, Set<Long> indices) {
    Set<Long> seen = live.getOrDefault(epoch, Set.of());
    Set<Long> out = new HashSet<>();
    indices.stream().filter(seen::contains).forEach(out::add);
    return out;
  }

  /** No more recording (the watch is over). */
  void stop() {
    stopped = true;
    live.clear();
  }
}
