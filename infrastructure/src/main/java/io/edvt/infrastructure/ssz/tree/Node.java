package io.edvt.infrastructure.ssz.tree;

/**
 * A node of a binary Merkle tree. Every node knows its 32-byte hash; composite nodes compute it
 * once and cache it, so an unchanged subtree is never hashed twice. Nodes are immutable: an
 * update builds new nodes along one path and shares everything else.
 *
 * <p>The array returned by {@link #hash()} is shared and must not be modified.
 */
public interface Node {
  byte[] hash();
}
