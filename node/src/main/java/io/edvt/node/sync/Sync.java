package io.edvt.node.sync;

import io.edvt.node.chain.Chain;
import io.edvt.node.network.NodeNetwork;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The node's sync part: {@link RangeSync} catching up with peers ahead of us, and
 * {@link ParentFetcher} fetching the blocks the chain misses by root (from gossip blocks with an
 * unknown parent, and from the importer's pending pool at every slot). It only builds, starts and
 * stops them.
 *
 * <pre>{@code
 * Sync sync = Sync.start(network, chain, SyncOptions.defaults());
 * // slot hook: sync.onSlot(slot);   API: sync.status();   duties: sync.readiness(rule, slot, ms)
 * sync.close();
 * }</pre>
 */
public final class Sync implements AutoCloseable {
  private final RangeSync range;
  private final ParentFetcher parents;
  private final Chain chain;

  private Sync(RangeSync range, ParentFetcher parents, Chain chain) {
    this.range = range;
    this.parents = parents;
    this.chain = chain;
  }

  public static Sync start(NodeNetwork network, Chain chain, SyncOptions options) {
    return start(network, chain, options, Optional.empty());
  }

  /**
   * As the other {@code start}, with {@code columns} fetching the custody columns of range-sync
   * batches and of the blocks the importer holds waiting for theirs.
   */
  public static Sync start(NodeNetwork network, Chain chain, SyncOptions options, Optional<ColumnFetcher> columns) {
    long slotsPerEpoch = network.digests().versions().config().slotsPerEpoch();
    RangeSync range = new RangeSync(network.client(), network.statuses(), network.peers(), chain, options, slotsPerEpoch,
        columns.<RangeSync.Columns>map(c -> c::fetchForBatch).orElse(RangeSync.Columns.NONE));
    columns.ifPresent(c -> chain.importer().onColumnsWanted(c::fetch));
    ParentFetcher parents = new ParentFetcher(network.client(), network.statuses(), network.peers(), chain.importer(),
        options);
    network.onUnknownParent(parents::fetch);
    range.start();
    return new Sync(range, parents, chain);
  }

  public SyncStatus status() {
    return range.status();
  }

  /**
   * {@link DutyReadiness}'s verdict now: our head against the ready peers' Status heads and the
   * wall clock's {@code currentSlot}.
   */
  public DutyReadiness.Verdict readiness(DutyReadiness rule, long currentSlot, long millisSinceStart) {
    return rule.verdict(chain.head().slot(), currentSlot, range.bestPeerHeadSlot(), millisSinceStart);
  }

  public ParentFetcher parents() {
    return parents;
  }

  /** The slot hook: asks for every root the importer's pending blocks are waiting for. */
  public void onSlot(long slot) {
    chain.importer().missingRoots().orTimeout(10, TimeUnit.SECONDS)
        .thenAccept(roots -> roots.forEach(parents::fetch));
  }

  @Override
  public void close() {
    range.close();
    parents.close();
  }
}
