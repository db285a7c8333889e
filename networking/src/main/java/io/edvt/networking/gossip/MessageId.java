package io.edvt.networking.gossip;

import java.util.Arrays;
import java.util.HexFormat;

/** A gossipsub message id: immutable bytes with value equality, usable as a map key. */
public final class MessageId {
  private final byte[] bytes;
  private final int hash;

  private MessageId(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** Wraps {@code bytes} without copying: the caller must not change them afterwards. */
  public static MessageId wrap(byte[] bytes) {
    return new MessageId(bytes);
  }

  public static MessageId fromHex(String hex) {
    return new MessageId(HexFormat.of().parseHex(hex));
  }

  /** The bytes (not a copy: do not change them). */
  public byte[] bytes() {
    return bytes;
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MessageId m && hash == m.hash && Arrays.equals(bytes, m.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
