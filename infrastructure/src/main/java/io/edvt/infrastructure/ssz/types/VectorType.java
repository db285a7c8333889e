package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.tree.Node;
import io.edvt.infrastructure.ssz.tree.Trees;
import io.edvt.infrastructure.ssz.tree.ZeroNode;
import java.util.Arrays;

/** {@code Vector[E, N]}: exactly N elements, N > 0. */
public final class VectorType<E> extends CollectionType<E> {
  private volatile SszList<E> defaultValue;

  public VectorType(SszType<E> elementType, long length) {
    super(elementType, length);
    if (length <= 0) {
      throw new IllegalArgumentException("a Vector needs a positive length, got " + length);
    }
  }

  @Override
  public String name() {
    return "Vector[" + elementType().name() + ", " + n() + "]";
  }

  @Override
  public boolean isList() {
    return false;
  }

  public int length() {
    return (int) n();
  }

  @Override
  public int contentDepth(int size) {
    return limitDepth();
  }

  @Override
  public byte[] rootFromContent(byte[] contentRoot, int contentDepth, int size) {
    return contentRoot;
  }

  @Override
  void checkSize(long size) {
    if (size != n()) {
      throw new IllegalArgumentException(name() + " needs " + n() + " elements, got " + size);
    }
  }

  @Override
  public SszList<E> defaultValue() {
    SszList<E> v = defaultValue;
    if (v == null) {
      v = buildDefault();
      defaultValue = v;
    }
    return v;
  }

  private SszList<E> buildDefault() {
    Node leaf = isPacked()
        ? ZeroNode.of(0)
        : elementType().toNode(elementType().defaultValue());
    int depth = limitDepth();
    if (Arrays.equals(leaf.hash(), ZeroNode.hashAt(0))) {
      return SszList.wrap(this, ZeroNode.of(depth), depth, length());
    }
    int chunks = (int) chunkCount(n());
    Node[] leaves = new Node[chunks];
    Arrays.fill(leaves, leaf);
    return SszList.wrap(this, Trees.build(leaves, chunks, depth), depth, length());
  }
}
