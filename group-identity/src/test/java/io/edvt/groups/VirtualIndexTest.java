package io.edvt.groups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.unsigned.UInt64;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** {@code compute_virtual_index}, {@code get_validator_index_of}, {@code get_member_index_of}. */
class VirtualIndexTest {
  private static final BigInteger MULTIPLIER = BigInteger.TWO.pow(41);

  private static UInt64 u(long v) {
    return UInt64.valueOf(v);
  }

  @Test
  void memberZeroIsTheValidatorsOwnIndex() {
    for (long v : new long[] {0, 1, 42, 1_000_000, (1L << 40) - 1}) {
      assertThat(VirtualIndex.compute(u(v), 0)).isEqualTo(u(v));
    }
  }

  @Test
  void encodesMemberTimesTwoToTheFortyOnePlusValidator() {
    // computed independently with big integers: j * 2**41 + v
    for (int j = 0; j < 16; j++) {
      for (long v : new long[] {0, 7, 123_456_789, (1L << 40) - 1}) {
        BigInteger expected = BigInteger.valueOf(j).multiply(MULTIPLIER).add(BigInteger.valueOf(v));
        UInt64 index = VirtualIndex.compute(u(v), j);
        assertThat(index.bigIntegerValue()).as("j=%d v=%d", j, v).isEqualTo(expected);
        assertThat(VirtualIndex.validatorIndexOf(index)).isEqualTo(u(v));
        assertThat(VirtualIndex.memberIndexOf(index)).isEqualTo(u(j));
      }
    }
    assertThat(VirtualIndex.compute(u(5), 3)).isEqualTo(u(3L * (1L << 41) + 5));
  }

  @Test
  void leavesBitFortyUnused() {
    for (int j = 0; j < 16; j++) {
      UInt64 index = VirtualIndex.compute(u((1L << 40) - 1), j);
      assertThat(index.longValue() & (1L << 40)).as("member %d", j).isZero();
    }
  }

  @Test
  void rejectsWhatTheSpecAsserts() {
    assertThatThrownBy(() -> VirtualIndex.compute(u(1L << 40), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("VALIDATOR_REGISTRY_LIMIT");
    assertThatThrownBy(() -> VirtualIndex.compute(u(0), 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MAX_GROUP_SIZE");
    assertThatThrownBy(() -> VirtualIndex.compute(u(0), -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decomposesMalformedIndicesWithUnsignedArithmetic() {
    // member part beyond MAX_GROUP_SIZE: callers must check it
    UInt64 member16 = u(16L * (1L << 41) + 9);
    assertThat(VirtualIndex.memberIndexOf(member16)).isEqualTo(u(16));
    assertThat(VirtualIndex.validatorIndexOf(member16)).isEqualTo(u(9));
    assertThat(VirtualIndex.memberIndexOrMinusOne(member16)).isEqualTo(-1);
    assertThat(VirtualIndex.memberIndexOrMinusOne(VirtualIndex.compute(u(9), 15))).isEqualTo(15);
    // the largest uint64: 2**64 - 1 = (2**23 - 1) * 2**41 + (2**41 - 1)
    assertThat(VirtualIndex.memberIndexOf(UInt64.MAX_VALUE)).isEqualTo(u((1L << 23) - 1));
    assertThat(VirtualIndex.validatorIndexOf(UInt64.MAX_VALUE)).isEqualTo(u((1L << 41) - 1));
    // a validator part with bit 40 set decodes as such (it names no validator)
    assertThat(VirtualIndex.validatorIndexOf(u(1L << 40))).isEqualTo(u(1L << 40));
  }
}
