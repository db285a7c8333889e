package io.edvt.infrastructure.ssz.tree;

import java.util.Arrays;

/** A leaf holding one 32-byte chunk (packed basic values, or a 32-byte root). */
public final class Chunk implements Node {
  private final byte[] bytes;

  private Chunk(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps {@code bytes} (exactly 32, not copied: the caller gives up ownership). */
  public static Chunk wrap(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a chunk has 32 bytes, not " + bytes.length);
    }
    return new Chunk(bytes);
  }

  /** A chunk made from {@code length <= 32} bytes of {@code src}, zero padded on the right. */
  public static Chunk copyOf(byte[] src, int offset, int length) {
    byte[] b = new byte[32];
    System.arraycopy(src, offset, b, 0, length);
    return new Chunk(b);
  }

  @Override
  public byte[] hash() {
    return bytes;
  }

  /** The chunk's bytes (shared: do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Chunk c && Arrays.equals(c.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
