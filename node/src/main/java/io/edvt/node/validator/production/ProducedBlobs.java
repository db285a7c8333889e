package io.edvt.node.validator.production;

import io.edvt.node.execution.BlobsBundle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The blobs bundles of the blocks this node built, by block root (the root of the unsigned block,
 * which its signature does not change), kept until the signed block is published with its data
 * column sidecars. At most {@value #KEPT} are kept: a built block is signed within its slot or never.
 * Thread-safe.
 */
public final class ProducedBlobs {
  static final int KEPT = 16;

  private final Map<Bytes32, BlobsBundle> bundles = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Bytes32, BlobsBundle> eldest) {
      return size() > KEPT;
    }
  };

  synchronized void put(Bytes32 blockRoot, BlobsBundle bundle) {
    bundles.put(blockRoot, bundle);
  }

  /** The bundle of the block with {@code blockRoot}, if this node built it (recently). */
  public synchronized Optional<BlobsBundle> get(Bytes32 blockRoot) {
    return Optional.ofNullable(bundles.get(blockRoot));
  }
}
