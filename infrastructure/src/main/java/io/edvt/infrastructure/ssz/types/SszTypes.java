package io.edvt.infrastructure.ssz.types;

import io.edvt.infrastructure.ssz.SszType;
import java.math.BigInteger;

/** The basic SSZ types and factories for the composite ones. */
public final class SszTypes {
  public static final UIntType<Integer> UINT8 = new UIntType.Small(8);
  public static final UIntType<Integer> UINT16 = new UIntType.Small(16);
  public static final UIntType<Long> UINT32 = new UIntType.UInt32();
  public static final UInt64Type UINT64 = new UInt64Type();
  public static final UIntType<BigInteger> UINT128 = new UIntType.UInt128();
  public static final UInt256Type UINT256 = new UInt256Type();
  public static final BooleanType BOOLEAN = new BooleanType();
  public static final ByteVectorType<org.apache.tuweni.bytes.Bytes32> BYTES32 = ByteVectorType.BYTES32;
  public static final ByteVectorType<org.apache.tuweni.bytes.Bytes48> BYTES48 = ByteVectorType.BYTES48;

  private SszTypes() {}

  public static <E> ListType<E> list(SszType<E> element, long limit) {
    return new ListType<>(element, limit);
  }

  public static <E> VectorType<E> vector(SszType<E> element, long length) {
    return new VectorType<>(element, length);
  }

  public static ByteVectorType<org.apache.tuweni.bytes.Bytes> byteVector(int length) {
    return ByteVectorType.of(length);
  }

  public static ByteListType byteList(long limit) {
    return new ByteListType(limit);
  }

  public static BitvectorType bitvector(int length) {
    return new BitvectorType(length);
  }

  public static BitlistType bitlist(long limit) {
    return new BitlistType(limit);
  }
}
