package io.edvt.infrastructure.ssz;

import static io.edvt.infrastructure.ssz.types.SszTypes.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.ssz.TestContainers.Fixed;
import io.edvt.infrastructure.ssz.TestContainers.Var;
import io.edvt.infrastructure.ssz.types.ListType;
import io.edvt.infrastructure.unsigned.UInt64;
import java.util.Arrays;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class SszDeserializationTest {

  private static byte[] hex(String h) {
    return Bytes.fromHexString(h).toArrayUnsafe();
  }

  private static Var sampleVar() {
    return TestContainers.var(7, new long[] {1, 2, 3}, SszBits.withSet(4, 1, 3), Bytes.fromHexString("0xaabb"));
  }

  @Test
  void roundTripsAVariableSizeContainer() {
    Var v = sampleVar();
    byte[] bytes = v.serialize();
    Var back = Var.TYPE.deserialize(bytes);
    assertThat(back).isEqualTo(v);
    assertThat(back.serialize()).isEqualTo(bytes);
    // x(8) + 3 offsets(12) + numbers(24) + bits(1) + data(2)
    assertThat(bytes).hasSize(8 + 12 + 24 + 1 + 2);
  }

  @Test
  void rejectsFixedContainerWithWrongLength() {
    byte[] ok = Fixed.TYPE.defaultValue().serialize();
    assertThatThrownBy(() -> Fixed.TYPE.deserialize(Arrays.copyOf(ok, ok.length - 1)))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("expected 41 bytes for Fixed, got 40");
    assertThatThrownBy(() -> Fixed.TYPE.deserialize(Arrays.copyOf(ok, ok.length + 1)))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("got 42");
  }

  @Test
  void rejectsTrailingBytesAfterAVariableContainer() {
    byte[] ok = sampleVar().serialize();
    byte[] longer = Arrays.copyOf(ok, ok.length + 1);
    longer[longer.length - 1] = 1; // an extra byte that parses as part of the ByteList...
    // ...so the last field's length changes: the ByteList now has 3 bytes and is still valid.
    assertThat(Var.TYPE.deserialize(longer)).isNotEqualTo(sampleVar());
    // but a trailing byte after a fixed-size-last layout is always an error:
    byte[] fixedList = FIXED_LIST.serialize(FIXED_LIST.of(java.util.List.of(Fixed.TYPE.defaultValue())));
    assertThatThrownBy(() -> FIXED_LIST.deserialize(Arrays.copyOf(fixedList, fixedList.length + 1)))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("not a whole number of Fixed");
  }

  private static final ListType<Fixed> FIXED_LIST = list(Fixed.TYPE, 4);

  @Test
  void rejectsFirstOffsetThatIsNotTheFixedPartSize() {
    byte[] bytes = sampleVar().serialize();
    bytes[8] = 21; // offset of 'numbers' should be 20
    assertThatThrownBy(() -> Var.TYPE.deserialize(bytes))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessage("Var.numbers: offset 21 must equal the fixed part size 20");
  }

  @Test
  void rejectsOffsetsOutOfOrder() {
    byte[] bytes = sampleVar().serialize();
    bytes[12] = 10; // offset of 'bits' below the offset of 'numbers'
    assertThatThrownBy(() -> Var.TYPE.deserialize(bytes))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessage("Var.bits: offset 10 is smaller than the previous offset 20");
  }

  @Test
  void rejectsOffsetPastTheEnd() {
    byte[] bytes = sampleVar().serialize();
    bytes[16] = (byte) 200;
    assertThatThrownBy(() -> Var.TYPE.deserialize(bytes))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("Var.data: offset 200 points past the end");
  }

  @Test
  void rejectsTooShortInputForTheFixedPart() {
    assertThatThrownBy(() -> Var.TYPE.deserialize(new byte[19]))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("only 19 bytes, but the fixed part of Var needs 20");
  }

  @Test
  void rejectsBitlistWithoutDelimiter() {
    assertThatThrownBy(() -> bitlist(10).deserialize(hex("0x0500")))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("no delimiter bit");
    assertThatThrownBy(() -> bitlist(10).deserialize(new byte[0]))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("at least one byte");
  }

  @Test
  void rejectsBitlistOverItsLimit() {
    // 11 bits + delimiter
    assertThatThrownBy(() -> bitlist(10).deserialize(hex("0xff0f")))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("11 bits exceed the limit of Bitlist[10]");
  }

  @Test
  void readsBitlistLengthsFromTheDelimiter() {
    assertThat(bitlist(10).deserialize(hex("0x01")).length()).isZero();
    SszBits eight = bitlist(10).deserialize(hex("0xff01"));
    assertThat(eight.length()).isEqualTo(8);
    assertThat(eight.count()).isEqualTo(8);
    SszBits three = bitlist(10).deserialize(hex("0x0d"));
    assertThat(three.length()).isEqualTo(3);
    assertThat(three.toString()).isEqualTo("101");
    assertThat(bitlist(10).serialize(three)).isEqualTo(hex("0x0d"));
  }

  @Test
  void rejectsBitvectorWithBitsBeyondItsLength() {
    assertThatThrownBy(() -> bitvector(4).deserialize(hex("0x1f")))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("bits set beyond the length of Bitvector[4]");
    assertThatThrownBy(() -> bitvector(4).deserialize(hex("0x0f00")))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("expected 1 bytes for Bitvector[4], got 2");
  }

  @Test
  void rejectsListOverItsLimit() {
    byte[] six = new byte[6 * 8];
    assertThatThrownBy(() -> TestContainers.NUMBERS.deserialize(six))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("6 elements exceed the limit of List[uint64, 5]");
  }

  @Test
  void rejectsListWhoseLengthIsNotAWholeNumberOfElements() {
    assertThatThrownBy(() -> TestContainers.NUMBERS.deserialize(new byte[12]))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("12 bytes is not a whole number of uint64");
  }

  @Test
  void rejectsVectorOfWrongLength() {
    assertThatThrownBy(() -> vector(UINT64, 4).deserialize(new byte[24]))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("needs 4 elements, got 3");
    assertThatThrownBy(() -> vector(Fixed.TYPE, 2).deserialize(new byte[41]))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("needs 2 elements, got 1");
  }

  @Test
  void rejectsInvalidBooleanWithItsPath() {
    byte[] bytes = Fixed.TYPE.defaultValue().serialize();
    bytes[8] = 2;
    assertThatThrownBy(() -> Fixed.TYPE.deserialize(bytes))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessage("Fixed.flag: invalid boolean byte 0x02 (only 0x00 and 0x01 are allowed)");
  }

  @Test
  void namesTheElementIndexOfANestedFailure() {
    var list = list(Var.TYPE, 3);
    var value = list.of(java.util.List.of(sampleVar(), sampleVar()));
    byte[] bytes = list.serialize(value);
    // second element starts at offset 8 + 47; corrupt its 'numbers' offset
    int second = 8 + 47;
    bytes[second + 8] = 19;
    assertThatThrownBy(() -> list.deserialize(bytes))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessage("List[Var, 3][1].numbers: offset 19 must equal the fixed part size 20");
  }

  @Test
  void rejectsVariableListWithBadFirstOffset() {
    var list = list(Var.TYPE, 3);
    assertThatThrownBy(() -> list.deserialize(hex("0x05000000000000")))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("first offset 5 is not a positive multiple of 4");
    assertThatThrownBy(() -> list.deserialize(hex("0x0c000000")))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("first offset 12 points past the end");
    assertThatThrownBy(() -> list.deserialize(hex("0x0100")))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("too short for the first offset");
    // 16 / 4 = 4 elements > limit 3
    assertThatThrownBy(() -> list.deserialize(new byte[] {16, 0, 0, 0, 16, 0, 0, 0, 16, 0, 0, 0, 16, 0, 0, 0}))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("4 elements exceed the limit");
  }

  @Test
  void rejectsByteListOverItsLimitAndByteVectorOfWrongLength() {
    assertThatThrownBy(() -> byteList(7).deserialize(new byte[8]))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("8 bytes exceed the limit of ByteList[7]");
    assertThatThrownBy(() -> BYTES32.deserialize(new byte[31]))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessage("ByteVector[32]: expected 32 bytes for ByteVector[32], got 31");
  }

  @Test
  void rejectsWrongLengthBasicValues() {
    assertThatThrownBy(() -> UINT64.deserialize(new byte[7]))
        .isInstanceOf(SszDeserializationException.class)
        .hasMessageContaining("expected 8 bytes for uint64, got 7");
  }

  @Test
  void readsAndWritesUnsignedIntegersLittleEndian() {
    assertThat(UINT64.deserialize(hex("0x0100000000000080"))).isEqualTo(UInt64.valueOf("9223372036854775809"));
    assertThat(UINT16.serialize(0x1234)).isEqualTo(hex("0x3412"));
    assertThat(UINT32.deserialize(hex("0xffffffff"))).isEqualTo(0xffffffffL);
    assertThat(UINT256.serialize(new io.edvt.infrastructure.unsigned.UInt256(java.math.BigInteger.ONE.shiftLeft(255))))
        .isEqualTo(hex("0x" + "00".repeat(31) + "80"));
    assertThat(Bytes32.wrap(UINT64.hashTreeRoot(UInt64.valueOf(1)))).isEqualTo(Bytes32.fromHexString("0x01" + "00".repeat(31)));
  }
}
