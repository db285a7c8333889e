package io.edvt.infrastructure.ssz.tree;

import io.edvt.infrastructure.crypto.Sha256;

/** An inner node; its hash {@code sha256(left.hash || right.hash)} is computed once, on demand. */
public final class Branch implements Node {
  private final Node left;
  private final Node right;
  // Written at most once with the same value by whichever thread hashes first; volatile so
  // that a node shared between threads is never seen with a half-initialised hash array.
  private volatile byte[] hash;

  public Branch(Node left, Node right) {
    this.left = left;
    this.right = right;
  }

  public Node left() {
    return left;
  }

  public Node right() {
    return right;
  }

  /** Whether the hash is already known (used to decide whether parallel hashing is worth it). */
  public boolean isHashed() {
    return hash != null;
  }

  @Override
  public byte[] hash() {
    byte[] h = hash;
    if (h == null) {
      h = Sha256.hashPair(left.hash(), right.hash());
      hash = h;
    }
    return h;
  }
}
