package io.edvt.node.storage.kv;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.edvt.SpecVersions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.tuweni.bytes.Bytes32;

/**
 * One commit being built: a snapshot to read from, the batch being filled (reads see it on top of
 * the snapshot) and the anchor as it stands so far in this commit.
 */
final class CommitContext {
  static final Comparator<HotBlock> BY_SLOT = Comparator.comparing(HotBlock::slot).thenComparing(h -> h.root().toHexString());

  final KvReader reader;
  final KvBatch batch = new KvBatch();
  final ValueCodec codec;
  final SpecVersions versions;
  AnchorRecord anchor;

  CommitContext(KvReader reader, ValueCodec codec, SpecVersions versions, AnchorRecord anchor) {
    this.reader = reader;
    this.codec = codec;
    this.versions = versions;
    this.anchor = anchor;
  }

  byte[] get(Column column, byte[] key) {
    return batch.get(reader, column, key);
  }

  /** The hot block {@code root}, or null. */
  HotBlock hotBlock(Bytes32 root) {
    byte[] key = Keys.root(root);
    byte[] value = get(Column.HOT_BLOCKS, key);
    return value == null ? null : HotBlock.decode(key, value);
  }

  /** Every hot block, ascending by slot. */
  List<HotBlock> hotBlocks() {
    List<HotBlock> all = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : batch.scan(reader, Column.HOT_BLOCKS, null, null).entrySet()) {
      all.add(HotBlock.decode(e.getKey(), e.getValue()));
    }
    all.sort(BY_SLOT);
    return all;
  }

  /** Every hot state. */
  List<HotState> hotStates() {
    List<HotState> all = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : batch.scan(reader, Column.HOT_STATES, null, null).entrySet()) {
      all.add(HotState.decode(e.getKey(), e.getValue()));
    }
    return all;
  }

  /** The last slot the anchor settles (see {@link #finalizedSlot(UInt64, UInt64)}) for the current anchor. */
  UInt64 finalizedSlot() {
    return finalizedSlot(anchor.block().slot(), anchor.finalized().epoch());
  }

  /**
   * The last slot a finalized checkpoint of {@code epoch} on a block at {@code blockSlot} settles:
   * the start of the epoch, or the block's slot if later (genesis). A block at or before it that is
   * not the checkpoint's ancestor is not on the finalized chain.
   */
  UInt64 finalizedSlot(UInt64 blockSlot, UInt64 epoch) {
    return versions.fulu().misc().computeStartSlotAtEpoch(epoch).max(blockSlot);
  }
}
