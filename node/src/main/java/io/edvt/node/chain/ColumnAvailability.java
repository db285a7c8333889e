package io.edvt.node.chain;

import io.edvt.node.storage.DataColumnStore;
import io.edvt.spec.datastructures.blocks.SignedBeaconBlock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes32;

/**
 * Data availability from the columns the node holds ({@link DataColumnStore}): a block with blob
 * commitments is available once the sidecars of every column the node custodies are stored (they
 * were verified before: our own built from the engine's proofs, others' by gossip validation). A
 * block without commitments is available. Fork choice asks by root only: the importer tells the
 * block first ({@link #missingColumns}); a root it never told is a stored block replayed at
 * startup, checked when it was first imported, so available.
 */
public final class ColumnAvailability implements BlockAvailability {
  private static final int REMEMBERED = 256;

  private final DataColumnStore store;
  private final Set<Long> custodyColumns;
  /** Root → whether the block has blob commitments, for the blocks the importer told. */
  private final Map<Bytes32, Boolean> withBlobs = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes32, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** @param custodyColumns the column indices this node custodies (all of them with every custody subnet) */
  public ColumnAvailability(DataColumnStore store, Set<Long> custodyColumns) {
    this.store = store;
    this.custodyColumns = Set.copyOf(custodyColumns);
  }

  @Override
  public Set<Long> missingColumns(SignedBeaconBlock block) {
    Bytes32 root = block.message().hashTreeRoot();
    boolean blobs = !block.message().body().blobKzgCommitments().isEmpty();
    synchronized (withBlobs) {
      withBlobs.put(root, blobs);
    }
    return blobs ? missing(root) : Set.of();
  }

  @Override
  public boolean isDataAvailable(Bytes32 beaconBlockRoot) {
    Boolean blobs;
    synchronized (withBlobs) {
      blobs = withBlobs.get(beaconBlockRoot);
    }
    return blobs == null || !blobs || missing(beaconBlockRoot).isEmpty();
  }

  @Override
  public void onStored(Consumer<Bytes32> listener) {
    store.onStored(listener);
  }

  private Set<Long> missing(Bytes32 root) {
    Set<Long> held = store.columns(root);
    Set<Long> missing = new TreeSet<>(custodyColumns);
    missing.removeAll(held);
    return missing;
  }
}
