package io.edvt.node.wiring;

import io.edvt.node.chain.BlockSource;
import io.edvt.node.chain.Chain;
import io.edvt.node.chain.ImportResult;
import io.edvt.node.network.GossipPublisher;
import io.edvt.node.storage.DataColumnStore;
import io.edvt.node.validator.production.DataColumnSidecarFactory;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.tuweni.bytes.Bytes48;
import org.apache.tuweni.bytes.Bytes;

/**
 * How a block we sign (a plain proposer's, a group's assembled block, one from the Beacon API)
 * leaves the node: its data column sidecars are built ({@link DataColumnSidecarFactory}) and
 * stored first, so the block is available to our own import; then the block is imported and, with
 * p2p, gossiped if imported ({@link GossipPublisher#publishBlock}); then each sidecar is gossiped on
 * its {@code data_column_sidecar} subnet. A block whose blobs we cannot find is still imported
 * (and refused there if its columns are missing): the log says why.
 */
final class BlockPublication {
  private static final System.Logger LOG = System.getLogger(BlockPublication.class.getName());

  private final Chain chain;
  private final Optional<GossipPublisher> gossip;
  private final DataColumnSidecarFactory sidecars;
  private final DataColumnStore store;
  private final int subnetCount;

  BlockPublication(Chain chain, Optional<GossipPublisher> gossip, DataColumnSidecarFactory sidecars, DataColumnStore store,
      int dataColumnSidecarSubnetCount) {
    this.chain = chain;
    this.gossip = gossip;
    this.sidecars = sidecars;
    this.store = store;
    this.subnetCount = dataColumnSidecarSubnetCount;
  }

  /** {@link DataColumnSidecarFactory#offer}: a validator client's blobs for {@code block}. */
  Optional<String> offerBlobs(SignedBeaconBlock block, List<Bytes> blobs, List<Bytes48> proofs) {
    return sidecars.offer(block, blobs, proofs);
  }

  /** Stores the sidecars, imports (and gossips) {@code block}, then gossips the sidecars; completes with the import result. */
  CompletableFuture<ImportResult> publish(SignedBeaconBlock block) {
    List<DataColumnSidecar> columns;
    try {
      columns = sidecars.sidecars(block);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "Block slot {0}: no data column sidecars: {1}", block.message().slot(), e.getMessage());
      columns = List.of();
    }
    columns.forEach(store::put);
    List<DataColumnSidecar> built = columns;
    CompletableFuture<ImportResult> result = gossip.map(g -> g.publishBlock(block))
        .orElseGet(() -> chain.importer().importBlock(block, BlockSource.API));
    return result.thenApply(r -> {
      if ((r instanceof ImportResult.Imported || r instanceof ImportResult.AlreadyKnown) && !built.isEmpty()) {
        gossip.ifPresent(g -> built.forEach(s -> g.publishDataColumnSidecar(s, (int) (s.index().longValue() % subnetCount))
            .whenComplete((p, e) -> {
              if (e != null) {
                LOG.log(System.Logger.Level.DEBUG, "publishing sidecar {0} failed: {1}", s.index(), e);
              }
            })));
        LOG.log(System.Logger.Level.INFO, "Block slot {0}: {1} data column sidecars of {2} blobs stored{3}", block.message().slot(),
            built.size(), block.message().body().blobKzgCommitments().size(), gossip.isPresent() ? " and published" : "");
      }
      return r;
    });
  }
}
