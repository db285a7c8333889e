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
  // Incremental re-hashing for large containers (a state has ~40 fields: a full merkleisation is
  // ~63 hashes, a path is 6). After hashing, 'layers' holds the whole field tree; a copy made by
  // with() keeps its parent (or the parent's base) and a mask of the fields changed since, so its
  // root only rehashes those fields' paths.
  private volatile byte[] layers;
  private volatile SszContainer base;
  private volatile long dirty;

  protected SszContainer(ContainerType<?> type, Object[] values) {
    this.type = type;
    this.values = values;
  }

  /** Containers of 9 to 64 fields keep their field tree for incremental re-hashing. */
  private boolean usesLayers() {
    return values.length > 8 && values.length <= 64;
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
    C created = (C) type.create(copy);
    if (usesLayers()) {
      // Set before the new value is returned, i.e. before anyone else can see it.
      SszContainer c = created;
      if (layers != null) {
        c.base = this;
        c.dirty = 1L << index;
      } else if (base != null) {
        c.base = base;
        c.dirty = dirty | (1L << index);
      }
    }
    return created;
  }

  /** {@code hash_tree_root(self)} as raw bytes (cached; do not modify). */
  @Override
  public final byte[] hash() {
    byte[] h = hash;
    if (h == null) {
      SszContainer b = base;
      byte[] baseLayers = b == null ? null : b.layers;
      if (usesLayers()) {
        byte[] l = type.computeLayers(values, baseLayers, dirty);
        layers = l;
        base = null; // the parent is no longer needed once this value has its own layers
        h = java.util.Arrays.copyOfRange(l, 32, 64);
      } else {
        h = type.computeRoot(values);
      }
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
