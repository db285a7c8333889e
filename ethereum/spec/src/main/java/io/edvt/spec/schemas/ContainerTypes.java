package io.edvt.spec.schemas;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ContainerType.Field;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.ssz.types.VectorType;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canonical container types: {@link #container} returns one shared {@link ContainerType} for each
 * distinct layout (name, value class, and each field's name and type).
 *
 * <p>Why: a container field only accepts a value whose {@code ContainerType} is the very same
 * object as the field's type. Without sharing, two schema definitions for the same config (or an
 * Electra and a Fulu one, which agree on most types) would build equal but distinct types, and a
 * {@code SyncCommittee} read with one could not be put into a state built with the other, as the
 * Electra-to-Fulu upgrade must. With it, every schema definitions instance built from an equal
 * config hands out the same type objects for equal layouts, whatever milestone built them.
 *
 * <p>The cache only grows with the number of distinct configs in use (a few per process).
 */
public final class ContainerTypes {
  private static final Map<String, ContainerType<?>> CANONICAL = new ConcurrentHashMap<>();
  /** Ids of container types, by identity, for the keys of the types that contain them. */
  private static final Map<ContainerType<?>, Long> IDS =
      Collections.synchronizedMap(new IdentityHashMap<>());

  private ContainerTypes() {}

  /** The canonical container type with this name, value factory and fields. */
  public static <C extends SszContainer> ContainerType<C> container(
      String name, ContainerType.Factory<C> factory, List<Field> fields) {
    return intern(ContainerType.of(name, factory, fields.toArray(Field[]::new)));
  }

  /** The canonical container type with this name, value factory and fields. */
  public static <C extends SszContainer> ContainerType<C> container(
      String name, ContainerType.Factory<C> factory, Field... fields) {
    return intern(ContainerType.of(name, factory, fields));
  }

  /** The canonical type equal to {@code candidate} (itself, if it is the first of its layout). */
  @SuppressWarnings("unchecked")
  public static <C extends SszContainer> ContainerType<C> intern(ContainerType<C> candidate) {
    return (ContainerType<C>) CANONICAL.computeIfAbsent(layoutKey(candidate), k -> candidate);
  }

  private static String layoutKey(ContainerType<?> type) {
    // The value class tells apart two classes with one layout (say a later milestone's subclass
    // that only adds methods); ContainerType does not expose its factory, so ask a value.
    StringBuilder key = new StringBuilder(type.name())
        .append('<')
        .append(type.defaultValue().getClass().getName())
        .append(">{");
    for (Field f : type.fields()) {
      key.append(f.name()).append(':').append(typeKey(f.type())).append(';');
    }
    return key.append('}').toString();
  }

  /** A key equal for equal types: nested containers by identity, others by structure. */
  private static String typeKey(SszType<?> type) {
    if (type instanceof ContainerType<?> c) {
      return "#" + IDS.computeIfAbsent(c, k -> (long) IDS.size());
    }
    if (type instanceof ListType<?> l) {
      return "List[" + typeKey(l.elementType()) + "," + l.limit() + "]";
    }
    if (type instanceof VectorType<?> v) {
      return "Vector[" + typeKey(v.elementType()) + "," + v.length() + "]";
    }
    // Basic types, byte vectors/lists and bit vectors/lists: the name is the whole structure.
    return type.name();
  }
}
