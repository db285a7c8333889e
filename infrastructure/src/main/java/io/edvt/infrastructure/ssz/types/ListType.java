package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszList;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.tree.Trees;
import io.edvt.infrastructure.ssz.tree.ZeroNode;

/**
 * {@code List[E, N]}: up to N elements. A value's tree is only as deep as its length needs; the
 * root extends it with zero hashes to the depth of N and mixes in the length.
 */
public final class ListType<E> extends CollectionType<E> {
  private final SszList<E> empty;

  public ListType(SszType<E> elementType, long limit) {
    super(elementType, limit);
    this.empty = SszList.wrap(this, ZeroNode.of(0), 0, 0);
  }

  @Override
  public String name() {
    return "List[" + elementType().name() + ", " + n() + "]";
  }

  @Override
  public boolean isList() {
    return true;
  }

  public long limit() {
    return n();
  }

  @Override
  public int contentDepth(int size) {
    return Trees.ceilLog2(chunkCount(size));
  }

  @Override
  public byte[] rootFromContent(byte[] contentRoot, int contentDepth, int size) {
    return Trees.mixInLength(Trees.extendWithZeros(contentRoot, contentDepth, limitDepth()), size);
  }

  @Override
  void checkSize(long size) {
    if (size > n()) {
      throw new IllegalArgumentException(size + " elements exceed the limit of " + name());
    }
  }

  @Override
  public SszList<E> defaultValue() {
    return empty;
  }
}
