package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszContainer;
import io.edvt.infrastructure.ssz.SszDeserializationException;
import io.edvt.infrastructure.ssz.SszPlainException;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.tree.Node;
import io.edvt.infrastructure.ssz.tree.Trees;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.ArrayList;
import org.apache.tuweni.bytes.Bytes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SSZ container type: named, ordered fields. Values are instances of a typed subclass of
 * {@link SszContainer}, made by the factory given here.
 */
public final class ContainerType<C extends SszContainer> implements SszType<C> {

  /** One field: its spec name and type. */
  public record Field(String name, SszType<?> type) {}

  /** Makes the typed value from field values in declaration order. */
  @FunctionalInterface
  public interface Factory<C extends SszContainer> {
    C create(ContainerType<C> type, Object[] values);
  }

  private final String name;
  private final Factory<C> factory;
  private final Field[] fields;
  private final SszType<?>[] fieldTypes; // fields[i].type(), read in the serialisation loop
  private final boolean[] fieldFixed;
  // How the serialisation loop writes each field: a uint64 or a byte vector inline (most fields
  // of the big containers; a call through SszType would be megamorphic there), anything else
  // through its type.
  private static final byte WRITE_UINT64 = 1;
  private static final byte WRITE_BYTES = 2;
  private final byte[] fieldWrite;
  private final Map<String, Integer> index = new LinkedHashMap<>();
  private final boolean fixedSize;
  private final int fixedPartSize; // fixed fields' sizes plus 4 per variable field
  private final int depth;
  private final long minSize;
  private final long maxSize;
  private volatile C defaultValue;

  private ContainerType(String name, Factory<C> factory, Field[] fields) {
    if (fields.length == 0) {
      throw new IllegalArgumentException("container " + name + " has no fields");
    }
    this.name = name;
    this.factory = factory;
    this.fields = fields;
    this.fieldTypes = new SszType<?>[fields.length];
    this.fieldFixed = new boolean[fields.length];
    for (int i = 0; i < fields.length; i++) {
      fieldTypes[i] = fields[i].type();
      fieldFixed[i] = fields[i].type().isFixedSize();
    }
    this.fieldWrite = new byte[fields.length];
    for (int i = 0; i < fields.length; i++) {
      SszType<?> t = fields[i].type();
      fieldWrite[i] = t instanceof UInt64Type ? WRITE_UINT64 : t instanceof ByteVectorType<?> ? WRITE_BYTES : 0;
    }
    boolean fixed = true;
    int fixedPart = 0;
    long min = 0;
    long max = 0;
    for (int i = 0; i < fields.length; i++) {
      Field f = fields[i];
      if (index.put(f.name(), i) != null) {
        throw new IllegalArgumentException("container " + name + " repeats field " + f.name());
      }
      if (f.type().isFixedSize()) {
        fixedPart += f.type().fixedSize();
        min += f.type().fixedSize();
        max += f.type().fixedSize();
      } else {
        fixed = false;
        fixedPart += 4;
        min += 4 + f.type().minSize();
        max = saturatedAdd(max, 4 + f.type().maxSize());
      }
    }
    this.fixedSize = fixed;
    this.fixedPartSize = fixedPart;
    this.depth = Trees.ceilLog2(fields.length);
    this.minSize = min;
    this.maxSize = max;
  }

  private static long saturatedAdd(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }

  /** Defines a container type; fields are given as alternating name, type pairs via {@link #field}. */
  public static <C extends SszContainer> ContainerType<C> of(String name, Factory<C> factory, Field... fields) {
    return new ContainerType<>(name, factory, fields.clone());
  }

  public static Field field(String name, SszType<?> type) {
    return new Field(name, type);
  }

  public List<Field> fields() {
    return List.of(fields);
  }

  public int fieldCount() {
    return fields.length;
  }

  /** The name of field {@code i} (declaration order). */
  public String fieldName(int i) {
    return fields[i].name();
  }

  /** {@code hash_tree_root} of {@code value} as field {@code i}: the field's leaf in the field tree. */
  public byte[] fieldRoot(int i, Object value) {
    byte[] out = new byte[32];
    rootInto(fields[i].type(), value, out, 0);
    return out;
  }

  public int fieldIndex(String fieldName) {
    Integer i = index.get(fieldName);
    if (i == null) {
      throw new IllegalArgumentException(name + " has no field '" + fieldName + "'");
    }
    return i;
  }

  /** A value from field values in declaration order (each checked against its field's type). */
  public C create(Object... values) {
    if (values.length != fields.length) {
      throw new IllegalArgumentException(name + " has " + fields.length + " fields, got " + values.length + " values");
    }
    Object[] copy = values.clone();
    for (int i = 0; i < copy.length; i++) {
      copy[i] = checkField(i, copy[i]);
    }
    return factory.create(this, copy);
  }

  /** Checks that {@code value} can be field {@code i}, converting byte vectors to their exact class. */
  public Object checkField(int i, Object value) {
    if (value == null) {
      throw new NullPointerException(name + "." + fields[i].name() + " cannot be null");
    }
    SszType<?> t = fields[i].type();
    if (t instanceof ByteVectorType<?> bv && value instanceof org.apache.tuweni.bytes.Bytes b) {
      return bv.coerce(b);
    }
    if (value instanceof io.edvt.infrastructure.ssz.SszList<?> l && !l.type().name().equals(t.name())) {
      throw new IllegalArgumentException(name + "." + fields[i].name() + " needs " + t.name() + ", got " + l.type().name());
    }
    if (value instanceof SszContainer c && c.type() != t) {
      throw new IllegalArgumentException(name + "." + fields[i].name() + " needs " + t.name() + ", got " + c.type().name());
    }
    return value;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isFixedSize() {
    return fixedSize;
  }

  @Override
  public int fixedSize() {
    if (!fixedSize) {
      throw new UnsupportedOperationException(name + " has no fixed size");
    }
    return fixedPartSize;
  }

  @Override
  public long minSize() {
    return minSize;
  }

  @Override
  public long maxSize() {
    return maxSize;
  }

  @Override
  public C defaultValue() {
    C v = defaultValue;
    if (v == null) {
      Object[] values = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        values[i] = fields[i].type().defaultValue();
      }
      v = factory.create(this, values);
      defaultValue = v;
    }
    return v;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int sizeOf(SszType t, Object v) {
    return t.serializedSize(v);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int write(SszType t, Object v, byte[] out, int offset) {
    return t.serialize(v, out, offset);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object plainOf(SszType t, Object v) {
    return t.toPlain(v);
  }

  @Override
  public int serializedSize(C value) {
    if (fixedSize) {
      return fixedPartSize;
    }
    int total = fixedPartSize;
    for (int i = 0; i < fields.length; i++) {
      if (!fields[i].type().isFixedSize()) {
        total += sizeOf(fields[i].type(), value.get(i));
      }
    }
    return total;
  }

  @Override
  public int serialize(C value, byte[] out, int offset) {
    SszType<?>[] types = fieldTypes;
    if (fixedSize) {
      int pos = offset;
      byte[] how = fieldWrite;
      for (int i = 0; i < types.length; i++) {
        Object v = value.get(i);
        switch (how[i]) {
          case WRITE_UINT64 -> {
            UInt64Type.writeLong(((UInt64) v).longValue(), out, pos);
            pos += 8;
          }
          case WRITE_BYTES -> {
            Bytes b = (Bytes) v;
            int size = types[i].fixedSize();
            if (b.size() != size) {
              throw new IllegalArgumentException(types[i].name() + " value has " + b.size() + " bytes");
            }
            System.arraycopy(b.toArrayUnsafe(), 0, out, pos, size);
            pos += size;
          }
          default -> pos = write(types[i], v, out, pos);
        }
      }
      return pos;
    }
    int fixedPos = offset;
    int varPos = offset + fixedPartSize;
    for (int i = 0; i < types.length; i++) {
      if (fieldFixed[i]) {
        fixedPos = write(types[i], value.get(i), out, fixedPos);
      } else {
        CollectionType.writeOffset(out, fixedPos, varPos - offset);
        fixedPos += 4;
        varPos = write(types[i], value.get(i), out, varPos);
      }
    }
    return varPos;
  }

  /** Serialises any container value of this type (for {@link SszContainer#serialize()}). */
  @SuppressWarnings("unchecked")
  public byte[] serializeUnchecked(SszContainer value) {
    return serialize((C) value);
  }

  @SuppressWarnings("unchecked")
  public Object toPlainUnchecked(SszContainer value) {
    return toPlain((C) value);
  }

  @Override
  public C deserialize(byte[] in, int offset, int length) {
    Object[] values = new Object[fields.length];
    if (fixedSize) {
      if (length != fixedPartSize) {
        throw SszDeserializationException.of("expected " + fixedPartSize + " bytes for " + name + ", got " + length);
      }
      int pos = offset;
      for (int i = 0; i < fields.length; i++) {
        int size = fields[i].type().fixedSize();
        values[i] = field(i, in, pos, size);
        pos += size;
      }
      return factory.create(this, values);
    }
    if (length < fixedPartSize) {
      throw SszDeserializationException.of("only " + length + " bytes, but the fixed part of " + name + " needs " + fixedPartSize);
    }
    // First pass: fixed fields and the offsets of variable ones.
    int pos = offset;
    int[] varFields = new int[fields.length];
    long[] offsets = new long[fields.length];
    int varCount = 0;
    for (int i = 0; i < fields.length; i++) {
      SszType<?> t = fields[i].type();
      if (t.isFixedSize()) {
        values[i] = field(i, in, pos, t.fixedSize());
        pos += t.fixedSize();
      } else {
        long off = CollectionType.readOffset(in, pos);
        pos += 4;
        if (varCount == 0 && off != fixedPartSize) {
          throw new SszDeserializationException("." + fields[i].name(),
              "offset " + off + " must equal the fixed part size " + fixedPartSize);
        }
        if (varCount > 0 && off < offsets[varCount - 1]) {
          throw new SszDeserializationException("." + fields[i].name(),
              "offset " + off + " is smaller than the previous offset " + offsets[varCount - 1]);
        }
        if (off > length) {
          throw new SszDeserializationException("." + fields[i].name(),
              "offset " + off + " points past the end (" + length + " bytes)");
        }
        varFields[varCount] = i;
        offsets[varCount] = off;
        varCount++;
      }
    }
    for (int v = 0; v < varCount; v++) {
      long start = offsets[v];
      long end = v + 1 < varCount ? offsets[v + 1] : length;
      int i = varFields[v];
      values[i] = field(i, in, offset + (int) start, (int) (end - start));
    }
    return factory.create(this, values);
  }

  private Object field(int i, byte[] in, int offset, int length) {
    try {
      return fields[i].type().deserialize(in, offset, length);
    } catch (SszDeserializationException e) {
      throw e.within("." + fields[i].name());
    }
  }

  /** Merkleises the field roots; called once per value by {@link SszContainer#hash()}. */
  public byte[] computeRoot(Object[] values) {
    // Field roots go straight into a scratch buffer and are hashed in place: the only
    // allocation is the 32-byte result. A fresh buffer per call keeps nested containers
    // (whose roots are computed while filling this one) from sharing it.
    byte[] buffer = new byte[32 * ((fields.length + 1) & ~1)];
    for (int i = 0; i < fields.length; i++) {
      rootInto(fields[i].type(), values[i], buffer, 32 * i);
    }
    Trees.merkleizeInPlace(buffer, fields.length, depth);
    return java.util.Arrays.copyOf(buffer, 32);
  }

  /**
   * The whole field tree of a value, heap-ordered ({@code buffer[32k..32k+32)} is node {@code k},
   * node 1 the root, leaves at {@code 2^depth + field}). With {@code baseLayers} (the tree of the
   * value this one was derived from) only the fields in {@code dirtyMask} and their ancestors are
   * recomputed: a one-field change of a 40-field state costs 6 hashes instead of 63.
   */
  public byte[] computeLayers(Object[] values, byte[] baseLayers, long dirtyMask) {
    int width = 1 << depth;
    byte[] buffer;
    if (baseLayers == null || baseLayers.length != 64 * width || depth == 0) {
      buffer = new byte[64 * width];
      for (int i = 0; i < fields.length; i++) {
        rootInto(fields[i].type(), values[i], buffer, 32 * (width + i));
      }
      for (int k = width - 1; k >= 1; k--) {
        io.edvt.infrastructure.crypto.Sha256.hash64(buffer, 64 * k, buffer, 32 * k);
      }
      return buffer;
    }
    buffer = baseLayers.clone();
    long level = 0;
    for (int i = 0; i < fields.length && i < 64; i++) {
      if ((dirtyMask & (1L << i)) != 0) {
        rootInto(fields[i].type(), values[i], buffer, 32 * (width + i));
        level |= 1L << i;
      }
    }
    // Walk up: a parent is recomputed when either child changed.
    int levelWidth = width;
    long changed = level;
    while (levelWidth > 1) {
      long parents = 0;
      for (int i = 0; i < levelWidth && changed != 0; i++) {
        if ((changed & (1L << i)) != 0) {
          parents |= 1L << (i >> 1);
        }
      }
      int parentWidth = levelWidth >> 1;
      for (int j = 0; j < parentWidth; j++) {
        if ((parents & (1L << j)) != 0) {
          int k = parentWidth + j;
          io.edvt.infrastructure.crypto.Sha256.hash64(buffer, 64 * k, buffer, 32 * k);
        }
      }
      changed = parents;
      levelWidth = parentWidth;
    }
    return buffer;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void rootInto(SszType t, Object v, byte[] out, int offset) {
    t.hashTreeRootInto(v, out, offset);
  }

  @Override
  public byte[] hashTreeRoot(C value) {
    return value.hash();
  }

  @Override
  public void hashTreeRootInto(C value, byte[] out, int offset) {
    System.arraycopy(value.hash(), 0, out, offset, 32);
  }

  @Override
  public Object toPlain(C value) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < fields.length; i++) {
      out.put(fields[i].name(), plainOf(fields[i].type(), value.get(i)));
    }
    return out;
  }

  @Override
  public C fromPlain(Object plain) {
    if (!(plain instanceof Map<?, ?> map)) {
      throw new SszPlainException("expected a mapping for " + name + ", got " + PlainNumbers.describe(plain));
    }
    for (Object key : map.keySet()) {
      if (!index.containsKey(String.valueOf(key))) {
        throw new SszPlainException(name + " has no field '" + key + "'");
      }
    }
    Object[] values = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      if (!map.containsKey(fields[i].name())) {
        throw new SszPlainException(name + "." + fields[i].name() + " is missing");
      }
      try {
        values[i] = fields[i].type().fromPlain(map.get(fields[i].name()));
      } catch (SszPlainException e) {
        throw new SszPlainException(name + "." + fields[i].name() + ": " + e.getMessage());
      }
    }
    return factory.create(this, values);
  }

  @Override
  public Node toNode(C value) {
    return value;
  }

  @Override
  @SuppressWarnings("unchecked")
  public C fromNode(Node node) {
    return (C) node;
  }

  @Override
  public String toString() {
    return name;
  }

  /** The field names, for messages and tools. */
  public List<String> fieldNames() {
    List<String> names = new ArrayList<>(fields.length);
    for (Field f : fields) {
      names.add(f.name());
    }
    return names;
  }
}
