package io.edvt.node.sync;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.rpc.Eth2Client;
import io.edvt.networking.peers.PeerAction;
import io.edvt.networking.peers.PeerReports;
import io.edvt.networking.transport.api.Connection;
import io.edvt.networking.transport.crypto.PeerId;
import io.edvt.node.chain.Chain;
import io.edvt.node.network.PeerChainStatuses.ReadyPeer;
import io.edvt.node.network.PeerChainStatuses;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Catches up with peers whose Status shows a head ahead of ours: the slots from our head to the
 * best peer's head are cut into batches of {@code beacon_blocks_by_range}, up to
 * {@code maxBatchesInFlight} downloading at once from different peers, and imported strictly in
 * order. A batch that fails to download (timeout, a response breaking the method's rules) is
 * asked of another peer and the first one is scored down (mid tolerance); a batch with a block the
 * chain refuses is reported as fatal (the peer manager bans and disconnects the peer) and asked of
 * another peer. A first batch that does not link to our head (we are on a branch the peers left)
 * restarts the round from our finalized epoch. Runs on its own thread; a peer becoming ready or
 * sending a new Status wakes it, and it also looks once a second.
 */
public final class RangeSync implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RangeSync.class.getName());

  private final Eth2Client client;
  private final PeerChainStatuses statuses;
  private final PeerReports reports;
  private final Chain chain;
  private final SyncOptions options;
  private final Columns columns;
  private final long slotsPerEpoch;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private volatile boolean closed;
  private volatile SyncStatus status;

  /** One batch: its slots, who it is asked of now, and who failed it already. */
  private static final class Batch {
    final long start;
    final long count;
    final Set<PeerId> failed = new HashSet<>();
    PeerId peer;
    Connection connection;
    CompletableFuture<List<SignedBeaconBlock>> download;

    Batch(long start, long count) {
      this.start = start;
      this.count = count;
    }
  }

  /** What fetches a batch's columns before its import ({@link ColumnFetcher#fetchForBatch}). */
  @FunctionalInterface
  public interface Columns {
    Columns NONE = (peer, blocks) -> {};

    void fetchForBatch(Connection peer, List<SignedBeaconBlock> blocks);
  }

  public RangeSync(Eth2Client client, PeerChainStatuses statuses, PeerReports reports, Chain chain, SyncOptions options,
      long slotsPerEpoch) {
    this(client, statuses, reports, chain, options, slotsPerEpoch, Columns.NONE);
  }

  /** As the other constructor, with each batch's custody columns fetched by {@code columns} before its import. */
  public RangeSync(Eth2Client client, PeerChainStatuses statuses, PeerReports reports, Chain chain, SyncOptions options,
      long slotsPerEpoch, Columns columns) {
    this.columns = columns;
    this.client = client;
    this.statuses = statuses;
    this.reports = reports;
    this.chain = chain;
    this.options = options;
    this.slotsPerEpoch = slotsPerEpoch;
    this.status = new SyncStatus(false, chain.head().slot(), chain.head().slot());
    this.thread = Thread.ofPlatform().daemon().name("range-sync").unstarted(this::loop);
  }

  public void start() {
    statuses.subscribe((peer, up) -> wake.release());
    thread.start();
  }

  public SyncStatus status() {
    return status;
  }

  private void loop() {
    while (!closed) {
      try {
        wake.tryAcquire(1, TimeUnit.SECONDS);
        wake.drainPermits();
        round();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "range sync round failed", e);
      }
    }
  }

  private long bestPeerHead() {
    return bestPeerHeadSlot().orElse(0);
  }

  /** The highest head slot a ready peer's Status reported; empty with no peer ready. */
  public OptionalLong bestPeerHeadSlot() {
    return statuses.ready().stream().mapToLong(p -> p.status().headSlot().longValue()).max();
  }

  private void updateStatus(boolean syncing) {
    long head = chain.head().slot();
    status = new SyncStatus(syncing, head, Math.max(head, bestPeerHead()));
  }

  private void round() throws InterruptedException {
    long head = chain.head().slot();
    long target = bestPeerHead();
    if (target <= head) {
      updateStatus(false);
      return;
    }
    updateStatus(true);
    LOG.log(System.Logger.Level.INFO, "Syncing from slot {0} to {1} with {2} peers", head + 1, target, statuses.ready().size());
    if (!syncRange(head + 1, target)) {
      long finalizedSlot = chain.readForkChoice(f -> f.finalizedCheckpoint().epoch().longValue()).join() * slotsPerEpoch;
      if (finalizedSlot + 1 < head + 1) {
        LOG.log(System.Logger.Level.INFO, "Our head does not link to the peers' chain; syncing again from slot {0}",
            finalizedSlot + 1);
        syncRange(finalizedSlot + 1, target);
      }
    }
    updateStatus(chain.head().slot() < bestPeerHead());
  }

  /** Syncs {@code [start, target]}; false when the first batch did not link to what we hold. */
  private boolean syncRange(long start, long target) throws InterruptedException {
    Deque<Batch> window = new ArrayDeque<>();
    long next = start;
    try {
      while (!closed && (!window.isEmpty() || next <= target)) {
        while (window.size() < options.maxBatchesInFlight() && next <= target) {
          Batch b = new Batch(next, Math.min(options.batchSlots(), target - next + 1));
          if (!assign(b, window)) {
            break;
          }
          window.addLast(b);
          next += b.count;
        }
        if (window.isEmpty()) {
          return true; // no peer to ask; a new status wakes us
        }
        Batch b = window.peekFirst();
        List<SignedBeaconBlock> blocks;
        try {
          blocks = b.download.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
          Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
          reports.report(b.peer, PeerAction.MID_TOLERANCE, "blocks by range from " + b.start + ": " + cause);
          if (!retry(b, window)) {
            return true;
          }
          continue;
        }
        columns.fetchForBatch(b.connection, blocks);
        BatchImport.Outcome outcome = BatchImport.run(chain.importer(), blocks);
        switch (outcome) {
          case BatchImport.Done d -> {
            window.removeFirst();
            updateStatus(true);
          }
          case BatchImport.Invalid i -> {
            LOG.log(System.Logger.Level.INFO, "peer {0} served an invalid block at slot {1}: {2}", b.peer, i.slot(), i.reason());
            reports.report(b.peer, PeerAction.FATAL, "invalid block at slot " + i.slot() + " in a range batch: " + i.reason());
            if (!retry(b, window)) {
              return true;
            }
          }
          case BatchImport.DoesNotLink l -> {
            if (b.start == start) {
              return false;
            }
            reports.report(b.peer, PeerAction.LOW_TOLERANCE, "batch from slot " + b.start + " does not link (block at slot "
                + l.slot() + " misses " + l.missingRoot() + ")");
            if (!retry(b, window)) {
              return true;
            }
          }
          case BatchImport.Deferred d -> {
            return true;
          }
        }
      }
      return true;
    } finally {
      window.forEach(b -> b.download.cancel(true));
    }
  }

  /** Asks the batch of another peer; false if none is left. */
  private boolean retry(Batch b, Deque<Batch> window) {
    b.failed.add(b.peer);
    return assign(b, window);
  }

  /**
   * Picks the least busy ready peer whose head reaches the batch, that holds its first slot (a peer
   * started from a checkpoint says in its Status from which slot it has blocks, and refuses a range
   * that starts before) and that has not failed it, and starts the download.
   */
  private boolean assign(Batch b, Deque<Batch> window) {
    Optional<ReadyPeer> peer = statuses.ready().stream()
        .filter(p -> !b.failed.contains(p.id()))
        .filter(p -> p.status().headSlot().longValue() >= b.start)
        .filter(p -> p.status().earliestAvailableSlot().map(earliest -> earliest.longValue() <= b.start).orElse(true))
        .min(Comparator.comparingLong((ReadyPeer p) -> window.stream().filter(w -> w != b && p.id().equals(w.peer)).count())
            .thenComparing(p -> p.id().toBase58()));
    if (peer.isEmpty()) {
      return false;
    }
    b.peer = peer.get().id();
    b.connection = peer.get().connection();
    b.download = client.blocksByRange(peer.get().connection(), UInt64.valueOf(b.start), b.count);
    return true;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
