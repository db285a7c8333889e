package io.edvt.node.storage.kv;

import io.edvt.infrastructure.unsigned.UInt64;
import io.edvt.spec.datastructures.blocks.BeaconBlock;
import java.nio.ByteBuffer;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A hot block's entry in {@link Column#HOT_BLOCKS}: what walking the hot tree needs, without the
 * block. Value: slot (8) ‖ parent root (32) ‖ state root (32).
 *
 * @param root the block root (the key)
 * @param slot the block's slot
 * @param parentRoot its parent's root
 * @param stateRoot its post-state's root
 */
public record HotBlock(Bytes32 root, UInt64 slot, Bytes32 parentRoot, Bytes32 stateRoot) {
  private static final int SIZE = 8 + 32 + 32;

  public static HotBlock of(Bytes32 root, BeaconBlock block) {
    return new HotBlock(root, block.slot(), block.parentRoot(), block.stateRoot());
  }

  public byte[] value() {
    return ByteBuffer.allocate(SIZE).putLong(slot.longValue()).put(parentRoot.toArrayUnsafe()).put(stateRoot.toArrayUnsafe())
        .array();
  }

  public static HotBlock decode(byte[] key, byte[] value) {
    if (value.length != SIZE) {
      throw new StorageFormatException("a hot block entry has " + SIZE + " bytes, this one " + value.length);
    }
    ByteBuffer in = ByteBuffer.wrap(value);
    return new HotBlock(Keys.root(key), UInt64.fromLongBits(in.getLong()), Bytes32.wrap(value, 8), Bytes32.wrap(value, 40));
  }
}
