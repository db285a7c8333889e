package io.edvt.infrastructure.ssz;

import io.edvt.infrastructure.ssz.tree.Node;

/** A tree leaf that holds a value which is not itself a node, together with its root. */
public record ValueLeaf<T>(T value, byte[] root) implements Node {
  @Override
  public byte[] hash() {
    return root;
  }
}
