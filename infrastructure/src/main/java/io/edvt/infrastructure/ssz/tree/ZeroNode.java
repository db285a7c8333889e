package io.edvt.infrastructure.ssz.tree;

import io.edvt.infrastructure.crypto.Sha256;

/**
 * The root of a subtree of {@code depth} levels whose leaves are all zero chunks. Its hash is
 * pre-computed, so empty regions of a list with a huge limit cost neither memory nor hashing.
 */
public final class ZeroNode implements Node {
  /** Deep enough for any SSZ limit (2^64 chunks) plus a length mix-in. */
  public static final int MAX_DEPTH = 65;

  private static final ZeroNode[] NODES = new ZeroNode[MAX_DEPTH + 1];

  static {
    byte[] h = new byte[32];
    for (int d = 0; d <= MAX_DEPTH; d++) {
      NODES[d] = new ZeroNode(d, h);
      h = Sha256.hashPair(h, h);
    }
  }

  private final int depth;
  private final byte[] hash;

  private ZeroNode(int depth, byte[] hash) {
    this.depth = depth;
    this.hash = hash;
  }

  public static ZeroNode of(int depth) {
    return NODES[depth];
  }

  /** The root of an all-zero tree of the given depth: {@code zerohashes[depth]}. */
  public static byte[] hashAt(int depth) {
    return NODES[depth].hash;
  }

  public int depth() {
    return depth;
  }

  @Override
  public byte[] hash() {
    return hash;
  }
}
