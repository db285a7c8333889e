package io.edvt.spec.testing;

import io.edvt.infrastructure.ssz.SszBits;
import io.edvt.infrastructure.ssz.SszType;
import io.edvt.infrastructure.ssz.types.BasicType;
import io.edvt.infrastructure.ssz.types.BitlistType;
import io.edvt.infrastructure.ssz.types.BitvectorType;
import io.edvt.infrastructure.ssz.types.BooleanType;
import io.edvt.infrastructure.ssz.types.ByteListType;
import io.edvt.infrastructure.ssz.types.ByteVectorType;
import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.ssz.types.VectorType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.tuweni.bytes.Bytes;

/**
 * Seeded random values of any SSZ type (lists get a few elements, up to their limit), for tests of
 * typed accessors and round trips; the same seed gives the same values.
 */
public final class RandomValues {
  private final Random random;

  public RandomValues(long seed) {
    this.random = new Random(seed);
  }

  @SuppressWarnings("unchecked")
  /** A random value of {@code type}. */
  public <T> T of(SszType<T> type) {
    return (T) any(type);
  }

  private Object any(SszType<?> type) {
    if (type instanceof ContainerType<?> c) {
      Object[] values = new Object[c.fieldCount()];
      for (int i = 0; i < values.length; i++) {
        values[i] = any(c.fields().get(i).type());
      }
      return c.create(values);
    }
    if (type instanceof ListType<?> l) {
      return listOf(l, (int) Math.min(l.limit(), 1 + random.nextInt(3)));
    }
    if (type instanceof VectorType<?> v) {
      return listOf(v, v.length());
    }
    if (type instanceof BitvectorType b) {
      return bits(b.length());
    }
    if (type instanceof BitlistType b) {
      return bits((int) Math.min(b.limit(), 1 + random.nextInt(20)));
    }
    if (type instanceof ByteVectorType<?> b) {
      return b.fromPlain(bytes(b.length()).toHexString());
    }
    if (type instanceof ByteListType b) {
      return bytes((int) Math.min(b.limit(), random.nextInt(40)));
    }
    if (type instanceof BooleanType) {
      return random.nextBoolean();
    }
    if (type instanceof BasicType<?> b) {
      return b.fromPlain(new BigInteger(b.size() * 8, random));
    }
    throw new IllegalArgumentException("no random values for " + type.name());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object listOf(io.edvt.infrastructure.ssz.types.CollectionType type, int size) {
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      elements.add(any(type.elementType()));
    }
    return type.of(elements);
  }

  private SszBits bits(int length) {
    byte[] packed = new byte[(length + 7) / 8];
    random.nextBytes(packed);
    if (length % 8 != 0) {
      packed[packed.length - 1] &= (byte) ((1 << (length % 8)) - 1);
    }
    return SszBits.of(packed, length);
  }

  private Bytes bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return Bytes.wrap(b);
  }
}
