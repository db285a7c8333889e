package io.edvt.node.storage.kv;

import io.edvt.infrastructure.unsigned.UInt64;
import java.nio.ByteBuffer;
import org.apache.tuweni.bytes.Bytes32;

/**
 * A hot state's entry in {@link Column#HOT_STATES}. Value: slot (8) ‖ root of the block it is a
 * state of (32).
 *
 * @param root the state root (the key)
 * @param slot the state's slot
 * @param blockRoot the block it is a state of (its latest block header's)
 */
public record HotState(Bytes32 root, UInt64 slot, Bytes32 blockRoot) {
  private static final int SIZE = 8 + 32;

  public byte[] value() {
    return ByteBuffer.allocate(SIZE).putLong(slot.longValue()).put(blockRoot.toArrayUnsafe()).array();
  }

  public static HotState decode(byte[] key, byte[] value) {
    if (value.length != SIZE) {
      throw new StorageFormatException("a hot state entry has " + SIZE + " bytes, this one " + value.length);
    }
    return new HotState(Keys.root(key), UInt64.fromLongBits(ByteBuffer.wrap(value).getLong()), Bytes32.wrap(value, 8));
  }
}
