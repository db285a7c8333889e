package io.edvt.infrastructure.ssz;

import io.edvt.infrastructure.ssz.tree.Node;
import io.edvt.infrastructure.ssz.types.ContainerType;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes32;

/**
 * An immutable SSZ container value. Typed containers (spec types such as {@code Validator})
 * extend this class and add accessors named after the spec's fields; the field values are held
 * in declaration order and the root is computed once and cached.
 */
public abstract class SszContainer implements Node {
  private final ContainerType<?> type;
  private final Object[] values;
  private volatile byte[] hash;

  protected SszContainer(ContainerType<?> type, Object[] values) {
    this.type = type;
    this.values = values;
  }

  public ContainerType<?> type() {
    return type;
  }

  /** The value of field {@code index} (declaration order). */
  public final Object get(int index) {
    return values[index];
  }

  /** The value of the named field (slower than {@link #get(int)}; for tools and tests). */
  public final Object get(String fieldName) {
    return values[type.fieldIndex(fieldName)];
  }

  /** The field values in declaration order (a copy). */
  public final Object[] values() {
    return values.clone();
  }

  final Object[] valuesUnsafe() {
    return values;
  }

  /** A copy with field {@code index} replaced; the new value is checked against the field's type. */
  @SuppressWarnings("unchecked")
  protected final <C extends SszContainer> C with(int index, Object value) {
    Object[] copy = values.clone();
    copy[index] = type.checkField(index, value);
    return (C) type.create(copy);
  }

  /** {@code hash_tree_root(self)} as raw bytes (cached; do not modify). */
  @Override
  public final byte[] hash() {
    byte[] h = hash;
    if (h == null) {
      h = type.computeRoot(values);
      hash = h;
    }
    return h;
  }

  public final Bytes32 hashTreeRoot() {
    return Bytes32.wrap(hash());
  }

  public final byte[] serialize() {
    return type.serializeUnchecked(this);
  }

  /** Equal when of the same container type with the same root. */
  @Override
  public final boolean equals(Object o) {
    return o instanceof SszContainer other && other.type == type && Arrays.equals(other.hash(), hash());
  }

  @Override
  public final int hashCode() {
    return Arrays.hashCode(hash());
  }

  @Override
  public String toString() {
    return type.name() + type.toPlainUnchecked(this);
  }
}
