package io.edvt.infrastructure.ssz;

import static io.edvt.infrastructure.ssz.types.ContainerType.field;
import static io.edvt.infrastructure.ssz.types.SszTypes.*;

import io.edvt.infrastructure.ssz.types.ContainerType;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import org.apache.tuweni.bytes.Bytes;

/** Small containers shaped like spec types, for the SSZ tests. */
final class TestContainers {
  private TestContainers() {}

  /** Fixed size: {@code (uint64, boolean, Bytes32)}. */
  static final class Fixed extends SszContainer {
    static final ContainerType<Fixed> TYPE =
        ContainerType.of("Fixed", Fixed::new, field("a", UINT64), field("flag", BOOLEAN), field("root", BYTES32));

    private Fixed(ContainerType<Fixed> type, Object[] values) {
      super(type, values);
    }

    UInt64 a() {
      return (UInt64) get(0);
    }

    Fixed withA(UInt64 v) {
      return with(0, v);
    }
  }

  static final ListType<UInt64> NUMBERS = list(UINT64, 5);
  static final ListType<Fixed> FIXEDS = list(Fixed.TYPE, 1L << 40);

  /** Variable size: {@code (uint64, List[uint64, 5], Bitlist[10], ByteList[7])}. */
  static final class Var extends SszContainer {
    static final ContainerType<Var> TYPE = ContainerType.of("Var", Var::new,
        field("x", UINT64), field("numbers", NUMBERS), field("bits", bitlist(10)), field("data", byteList(7)));

    private Var(ContainerType<Var> type, Object[] values) {
      super(type, values);
    }
  }

  static Var var(long x, long[] numbers, SszBits bits, Bytes data) {
    java.util.List<UInt64> ns = new java.util.ArrayList<>();
    for (long n : numbers) {
      ns.add(UInt64.valueOf(n));
    }
    return Var.TYPE.create(UInt64.valueOf(x), NUMBERS.of(ns), bits, data);
  }
}
