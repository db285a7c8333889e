package io.edvt.node.storage.kv;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.node.storage.DataColumnStore;
import io.edvt.spec.datastructures.datacolumns.DataColumnSidecar;
import io.edvt.spec.edvt.SpecVersions;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.tuweni.bytes.Bytes32;

/**
 * The {@link DataColumnStore}'s sidecars in {@link Column#DATA_COLUMNS}: key block root ‖ column
 * index, value slot ‖ SSZ (the slot picks the fork whose schema decodes it). Written unsynced, one
 * small batch per sidecar: a sidecar lost in a crash is fetched again from peers.
 */
final class KvDataColumns implements DataColumnStore.Backing {
  private final KvStore store;
  private final Consumer<KvBatch> writer;
  private final SpecVersions versions;

  /** @param writer writes a batch unsynced, or drops it once the storage is closed */
  KvDataColumns(KvStore store, Consumer<KvBatch> writer, SpecVersions versions) {
    this.store = store;
    this.writer = writer;
    this.versions = versions;
  }

  @Override
  public void stored(Bytes32 root, DataColumnSidecar sidecar) {
    byte[] ssz = sidecar.serialize();
    byte[] value = ByteBuffer.allocate(Long.BYTES + ssz.length)
        .putLong(sidecar.signedBlockHeader().message().slot().longValue()).put(ssz).array();
    KvBatch batch = new KvBatch();
    batch.put(Column.DATA_COLUMNS, key(root, sidecar.index().longValue()), value);
    writer.accept(batch);
  }

  @Override
  public void dropped(Bytes32 root, Set<Long> indices) {
    KvBatch batch = new KvBatch();
    indices.forEach(index -> batch.delete(Column.DATA_COLUMNS, key(root, index)));
    writer.accept(batch);
  }

  /** Gives {@code into} every stored sidecar. */
  void load(DataColumnStore into) {
    if (!store.has(Column.DATA_COLUMNS)) {
      return; // an earlier build's database, checked read-only: the family comes when it is opened for writing
    }
    try (KvReader reader = store.reader()) {
      reader.scan(Column.DATA_COLUMNS, null, null, (key, value) -> {
        long slot = ByteBuffer.wrap(value).getLong();
        into.restore(versions.forSlot(UInt64.valueOf(slot)).schemas().dataColumnSidecar()
            .deserialize(value, Long.BYTES, value.length - Long.BYTES));
        return true;
      });
    }
  }

  private static byte[] key(Bytes32 root, long index) {
    return ByteBuffer.allocate(Bytes32.SIZE + Long.BYTES).put(root.toArrayUnsafe()).putLong(index).array();
  }
}
