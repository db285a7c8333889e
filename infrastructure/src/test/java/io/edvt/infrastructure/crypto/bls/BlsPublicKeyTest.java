package io.edvt.infrastructure.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException.Kind;
import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException.Reason;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes48;
import org.junit.jupiter.api.Test;

class BlsPublicKeyTest {
  static final String INFINITY = "0xc0" + "00".repeat(47);
  static final String NOT_ON_CURVE =
      "0x8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde0";
  static final String NOT_IN_SUBGROUP =
      "0x8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  /** The field modulus p with the compression flag set: x == p is not canonical. */
  static final String X_EQUALS_MODULUS =
      "0x9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab";

  private static Reason reasonOf(String hex) {
    return BlsPublicKey.fromBytes(Bytes.fromHexString(hex)).invalidReason().orElse(null);
  }

  @Test
  void roundTripsCompressedBytes() {
    BlsPublicKey pk = BlsSecretKey.fromSeed(1).publicKey();
    BlsPublicKey decoded = BlsPublicKey.fromBytes(pk.toBytes());
    assertThat(decoded.isValid()).isTrue();
    assertThat(decoded.toBytes()).isEqualTo(pk.toBytes());
    assertThat(decoded).isEqualTo(pk).hasSameHashCodeAs(pk);
    assertThat(decoded.toString()).isEqualTo(pk.toBytes().toHexString());
  }

  @Test
  void rejectsWrongLengthAtConstruction() {
    for (int size : new int[] {0, 47, 49, 96}) {
      assertThatThrownBy(() -> BlsPublicKey.fromBytes(Bytes.wrap(new byte[size])))
          .isInstanceOfSatisfying(
              InvalidBlsEncodingException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.PUBLIC_KEY);
                assertThat(e.reason()).isEqualTo(Reason.WRONG_LENGTH);
              });
    }
  }

  @Test
  void infinityDecodesButFailsKeyValidate() {
    BlsPublicKey pk = BlsPublicKey.fromBytes(Bytes.fromHexString(INFINITY));
    assertThat(pk.isValid()).isFalse();
    assertThat(pk.isInfinity()).isTrue();
    assertThat(pk.invalidReason()).contains(Reason.INFINITY);
    assertThat(Bls.keyValidate(pk)).isFalse();
  }

  @Test
  void namesEachBrokenEncodingRule() {
    assertThat(reasonOf(NOT_ON_CURVE)).isEqualTo(Reason.NOT_ON_CURVE);
    assertThat(reasonOf(NOT_IN_SUBGROUP)).isEqualTo(Reason.NOT_IN_SUBGROUP);
    assertThat(reasonOf(X_EQUALS_MODULUS)).isEqualTo(Reason.BAD_ENCODING);
    // all zero: compression flag clear
    assertThat(reasonOf("0x" + "00".repeat(48))).isEqualTo(Reason.NOT_COMPRESSED);
    // infinity flag without compression flag
    assertThat(reasonOf("0x40" + "00".repeat(47))).isEqualTo(Reason.NOT_COMPRESSED);
    // infinity flag with the sign flag
    assertThat(reasonOf("0xe0" + "00".repeat(47))).isEqualTo(Reason.BAD_ENCODING);
    // infinity flag with a non-zero x
    assertThat(reasonOf("0xc0" + "00".repeat(46) + "01")).isEqualTo(Reason.BAD_ENCODING);
  }

  @Test
  void validKeyWithItsCompressionFlagClearedIsRejected() {
    byte[] raw = BlsSecretKey.fromSeed(2).publicKey().toBytes().toArray();
    raw[0] &= 0x7f;
    assertThat(BlsPublicKey.fromBytes(Bytes.wrap(raw)).invalidReason()).contains(Reason.NOT_COMPRESSED);
  }

  @Test
  void flippingTheSignBitGivesTheNegatedStillValidKey() {
    BlsPublicKey pk = BlsSecretKey.fromSeed(3).publicKey();
    byte[] raw = pk.toBytes().toArray();
    raw[0] ^= 0x20;
    BlsPublicKey negated = BlsPublicKey.fromBytes(Bytes.wrap(raw));
    assertThat(negated.isValid()).isTrue();
    assertThat(negated).isNotEqualTo(pk);
  }

  @Test
  void validateThrowsTheSpecificException() {
    BlsPublicKey pk = BlsPublicKey.fromBytes(Bytes.fromHexString(NOT_IN_SUBGROUP));
    assertThatThrownBy(pk::validate)
        .isInstanceOfSatisfying(
            InvalidBlsEncodingException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_IN_SUBGROUP))
        .hasMessageContaining("public key")
        .hasMessageContaining("subgroup");
    assertThatThrownBy(() -> BlsPublicKey.fromBytesValidated(Bytes.fromHexString(INFINITY)))
        .isInstanceOf(InvalidBlsEncodingException.class)
        .hasMessageContaining("infinity");
  }

  @Test
  void decompressesOnceAndCachesThePoint() {
    BlsPublicKey pk = BlsPublicKey.fromBytes(BlsSecretKey.fromSeed(4).publicKey().toBytes());
    assertThat(pk.pointOrNull()).isNotNull().isSameAs(pk.pointOrNull());
  }

  @Test
  void keepsItsOwnCopyOfTheInput() {
    byte[] raw = BlsSecretKey.fromSeed(5).publicKey().toBytes().toArray();
    BlsPublicKey pk = BlsPublicKey.fromBytes(Bytes.wrap(raw));
    raw[10] ^= 1;
    assertThat(pk.toBytes()).isNotEqualTo(Bytes48.wrap(raw));
    assertThat(pk.isValid()).isTrue();
  }

  @Test
  void rawKeyValidateRejectsOtherLengthsWithoutThrowing() {
    assertThat(Bls.keyValidate(Bytes.wrap(new byte[47]))).isFalse();
    assertThat(Bls.keyValidate(BlsSecretKey.fromSeed(6).publicKey().toBytes())).isTrue();
  }
}
