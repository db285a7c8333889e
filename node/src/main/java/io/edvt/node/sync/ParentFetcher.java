package io.edvt.node.sync;

import io.edvt.networking.eth2.rpc.Eth2Client;
import io.edvt.networking.peers.PeerAction;
import io.edvt.networking.peers.PeerReports;
import io.edvt.node.chain.BlockImporter;
import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.network.PeerChainStatuses.ReadyPeer;
import io.edvt.node.network.PeerChainStatuses;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Fetches blocks the chain is missing by root ({@code beacon_blocks_by_root}): a gossip block's
 * unknown parent, or any root the importer's pending pool waits for. The block is asked of each
 * ready peer in turn until one has it, then imported; if its own parent is unknown too, that root is
 * fetched next, up to {@code maxParentDepth} ancestors. The pending children follow by themselves
 * once their parent is imported. A root already being fetched is not fetched twice. Runs on
 * virtual threads.
 */
public final class ParentFetcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ParentFetcher.class.getName());

  private final Eth2Client client;
  private final PeerChainStatuses statuses;
  private final PeerReports reports;
  private final BlockImporter importer;
  private final SyncOptions options;
  private final Set<Bytes32> inFlight = ConcurrentHashMap.newKeySet();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

  public ParentFetcher(Eth2Client client, PeerChainStatuses statuses, PeerReports reports, BlockImporter importer,
      SyncOptions options) {
    this.client = client;
    this.statuses = statuses;
    this.reports = reports;
    this.importer = importer;
    this.options = options;
  }

  /** Fetches and imports the block {@code root} (and its missing ancestors) in the background. */
  public void fetch(Bytes32 root) {
    fetch(root, 0);
  }

  private void fetch(Bytes32 root, int depth) {
    if (depth >= options.maxParentDepth() || !inFlight.add(root)) {
      return;
    }
    try {
      workers.execute(() -> {
        try {
          fetchNow(root, depth);
        } finally {
          inFlight.remove(root);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      inFlight.remove(root); // closed
    }
  }

  private void fetchNow(Bytes32 root, int depth) {
    for (ReadyPeer peer : statuses.ready()) {
      List<SignedBeaconBlock> got;
      try {
        got = client.blocksByRoot(peer.connection(), List.of(root)).get(options.requestTimeout().toMillis(),
            TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        reports.report(peer.id(), PeerAction.HIGH_TOLERANCE, "blocks by root: " + e);
        continue;
      }
      if (got.isEmpty()) {
        continue;
      }
      ImportResult r;
      try {
        r = importer.importBlock(got.getFirst(), BlockSource.RPC).get(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        LOG.log(System.Logger.Level.WARNING, "importing fetched block " + root + " failed", e);
        return;
      }
      switch (r) {
        case ImportResult.UnknownParent u -> fetch(u.missingRoot(), depth + 1);
        case ImportResult.Invalid i -> reports.report(peer.id(), PeerAction.FATAL, "served invalid block " + root + ": "
            + i.rule());
        default -> {}
      }
      LOG.log(System.Logger.Level.DEBUG, "fetched {0} from {1}: {2}", root, peer.id(), r);
      return;
    }
    LOG.log(System.Logger.Level.DEBUG, "no peer had block {0}", root);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
