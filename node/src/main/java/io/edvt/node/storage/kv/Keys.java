package io.edvt.node.storage.kv;

import io.edvt.infrastructure.unsigned.UInt64;
import java.nio.ByteBuffer;
import org.apache.tuweni.bytes.Bytes32;

/** Key encodings: slots 8 bytes big-endian (byte order is slot order), roots their 32 bytes. */
public final class Keys {
  private Keys() {}

  public static byte[] slot(UInt64 slot) {
    return ByteBuffer.allocate(8).putLong(slot.longValue()).array();
  }

  public static UInt64 slot(byte[] key) {
    if (key.length != 8) {
      throw new StorageFormatException("a slot key has 8 bytes, this one " + key.length);
    }
    return UInt64.fromLongBits(ByteBuffer.wrap(key).getLong());
  }

  public static byte[] root(Bytes32 root) {
    return root.toArray();
  }

  public static Bytes32 root(byte[] key) {
    if (key.length != 32) {
      throw new StorageFormatException("a root key has 32 bytes, this one " + key.length);
    }
    return Bytes32.wrap(key);
  }

  /** The key after every key of {@code slot} and before the next slot's, or null past the last slot. */
  public static byte[] slotAfter(UInt64 slot) {
    return slot.equals(UInt64.MAX_VALUE) ? null : slot(slot.plus(1));
  }
}
