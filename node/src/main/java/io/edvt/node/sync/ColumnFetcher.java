package io.edvt.node.sync;

import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.networking.eth2.rpc.Eth2Client;
import io.edvt.networking.eth2.validation.DataColumnChecks;
import io.edvt.networking.transport.api.Connection;
import io.edvt.node.network.PeerChainStatuses.ReadyPeer;
import io.edvt.node.network.PeerChainStatuses;
import io.edvt.node.storage.DataColumnStore;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.datastructures.datacolumns.DataColumnsByRootIdentifier;
import io.edvt.spec.edvt.SpecVersions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Fetches the custody columns of blocks the node has but whose columns did not come by gossip: by
 * root for a block waiting for its columns ({@code data_column_sidecars_by_root}, asking the ready
 * peers in turn), by range for a batch of range sync before it is imported
 * ({@code data_column_sidecars_by_range}, from the peer that served the blocks). A sidecar is stored
 * only if it is well formed, its commitments are included in its block's body (the inclusion
 * proof against the header, whose root is the block's) and its cells match them (KZG proofs).
 */
public final class ColumnFetcher {
  private static final System.Logger LOG = System.getLogger(ColumnFetcher.class.getName());
  private static final long REQUEST_SECONDS = 10;

  private final SpecVersions versions;
  private final Eth2Client client;
  private final PeerChainStatuses statuses;
  private final DataColumnStore store;
  private final Set<Long> custodyColumns;
  private final Set<Bytes32> inFlight = new HashSet<>();
  private final Executor delayed;

  /**
   * @param graceMs how long a waiting block's columns are given to come by gossip before they are
   *     asked for by root (a block usually arrives just before its sidecars)
   */
  public ColumnFetcher(SpecVersions versions, Eth2Client client, PeerChainStatuses statuses, DataColumnStore store,
      Set<Long> custodyColumns, long graceMs) {
    this.delayed = CompletableFuture.delayedExecutor(graceMs, TimeUnit.MILLISECONDS);
    this.versions = versions;
    this.client = client;
    this.statuses = statuses;
    this.store = store;
    this.custodyColumns = Set.copyOf(custodyColumns);
  }

  /**
   * After the grace period, asks the ready peers, one after the other, for those of {@code missing}
   * columns of block {@code root} still not held (once at a time per root).
   */
  public void fetch(Bytes32 root, Set<Long> missing) {
    synchronized (inFlight) {
      if (!inFlight.add(root)) {
        return;
      }
    }
    delayed.execute(() -> {
      Set<Long> still = new TreeSet<>(missing);
      still.removeAll(store.columns(root));
      ask(statuses.ready(), 0, root, still);
    });
  }

  private void ask(List<ReadyPeer> peers, int next, Bytes32 root, Set<Long> missing) {
    if (next >= peers.size() || missing.isEmpty()) {
      synchronized (inFlight) {
        inFlight.remove(root);
      }
      if (!missing.isEmpty()) {
        LOG.log(System.Logger.Level.DEBUG, "no peer served {0} columns of {1}", missing.size(), root);
      }
      return;
    }
    var type = versions.fulu().schemas().dataColumnsByRootIdentifier();
    @SuppressWarnings("unchecked")
    ListType<UInt64> columnsType = (ListType<UInt64>) type.fields().get(1).type();
    DataColumnsByRootIdentifier id = DataColumnsByRootIdentifier.create(type, root,
        columnsType.of(missing.stream().sorted().map(UInt64::valueOf).toList()));
    client.dataColumnSidecarsByRoot(peers.get(next).connection(), List.of(id)).whenComplete((sidecars, e) -> {
      if (e == null) {
        sidecars.forEach(this::storeIfValid);
      }
      Set<Long> still = new TreeSet<>(missing);
      still.removeAll(store.columns(root));
      ask(peers, next + 1, root, still);
    });
  }

  /**
   * Before a range-sync batch is imported: the custody columns of its blocks with blobs that are
   * not held, from {@code peer} (which served the blocks). Waits for the answer; a failure leaves
   * the blocks to wait for their columns (and {@link #fetch} by root) at import.
   */
  public void fetchForBatch(Connection peer, List<SignedBeaconBlock> blocks) {
    List<SignedBeaconBlock> withBlobs = blocks.stream()
        .filter(b -> !b.message().body().blobKzgCommitments().isEmpty())
        .filter(b -> !store.columns(b.message().hashTreeRoot()).containsAll(custodyColumns))
        .toList();
    if (withBlobs.isEmpty()) {
      return;
    }
    UInt64 start = withBlobs.getFirst().message().slot();
    long count = withBlobs.getLast().message().slot().minus(start).longValue() + 1;
    try {
      client.dataColumnSidecarsByRange(peer, start, count, custodyColumns.stream().sorted().map(UInt64::valueOf).toList())
          .get(REQUEST_SECONDS, TimeUnit.SECONDS)
          .forEach(this::storeIfValid);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.log(System.Logger.Level.DEBUG, "columns by range from slot {0}: {1}", start, e.toString());
    }
  }

  private void storeIfValid(DataColumnSidecar sidecar) {
    DataColumnChecks checks = new DataColumnChecks(versions.forSlot(sidecar.signedBlockHeader().message().slot()));
    if (checks.verifyDataColumnSidecar(sidecar) && checks.verifyDataColumnSidecarInclusionProof(sidecar)
        && checks.verifyDataColumnSidecarKzgProofs(sidecar)) {
      store.put(sidecar);
    }
  }
}
