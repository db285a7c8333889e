package io.edvt.infrastructure.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException.Kind;
import io.edvt.infrastructure.crypto.bls.InvalidBlsEncodingException.Reason;
import org.apache.tuweni.bytes.Bytes;
import org.junit.jupiter.api.Test;

class BlsSignatureTest {
  static final String NOT_IN_SUBGROUP =
      "0x8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final String NOT_ON_CURVE =
      "0x8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
          + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde0";
  /** x.c0 (second half) one above the modulus. */
  static final String X_RE_ABOVE_MODULUS =
      "0x80" + "00".repeat(47)
          + "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaac";

  private static Reason reasonOf(String hex) {
    return BlsSignature.fromBytes(Bytes.fromHexString(hex)).invalidReason().orElse(null);
  }

  @Test
  void infinityIsAValidSignatureEncoding() {
    BlsSignature inf = BlsSignature.INFINITY;
    assertThat(inf.toBytes().toHexString()).isEqualTo("0xc0" + "00".repeat(95));
    assertThat(inf.isValid()).isTrue();
    assertThat(inf.isInfinity()).isTrue();
    assertThat(BlsSignature.fromBytes(inf.toBytes())).isEqualTo(inf);
  }

  @Test
  void roundTripsSerialisation() {
    BlsSignature sig = BlsSecretKey.fromSeed(1).sign(Bytes.fromHexString("0x1234"));
    BlsSignature decoded = BlsSignature.fromBytes(sig.toBytes());
    assertThat(decoded.isValid()).isTrue();
    assertThat(decoded.isInfinity()).isFalse();
    assertThat(decoded).isEqualTo(sig).hasSameHashCodeAs(sig);
    assertThat(decoded.toBytes().size()).isEqualTo(96);
  }

  @Test
  void rejectsWrongLengthAtConstruction() {
    for (int size : new int[] {0, 48, 95, 97}) {
      assertThatThrownBy(() -> BlsSignature.fromBytes(Bytes.wrap(new byte[size])))
          .isInstanceOfSatisfying(
              InvalidBlsEncodingException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.SIGNATURE);
                assertThat(e.reason()).isEqualTo(Reason.WRONG_LENGTH);
              });
    }
  }

  @Test
  void namesEachBrokenEncodingRule() {
    assertThat(reasonOf(NOT_IN_SUBGROUP)).isEqualTo(Reason.NOT_IN_SUBGROUP);
    assertThat(reasonOf(NOT_ON_CURVE)).isEqualTo(Reason.NOT_ON_CURVE);
    assertThat(reasonOf(X_RE_ABOVE_MODULUS)).isEqualTo(Reason.BAD_ENCODING);
    assertThat(reasonOf("0x" + "00".repeat(96))).isEqualTo(Reason.NOT_COMPRESSED);
    assertThat(reasonOf("0xe0" + "00".repeat(95))).isEqualTo(Reason.BAD_ENCODING);
    assertThat(reasonOf("0xc0" + "00".repeat(94) + "01")).isEqualTo(Reason.BAD_ENCODING);
  }

  @Test
  void validateThrowsTheSpecificException() {
    assertThatThrownBy(() -> BlsSignature.fromBytesValidated(Bytes.fromHexString(NOT_ON_CURVE)))
        .isInstanceOfSatisfying(
            InvalidBlsEncodingException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.SIGNATURE);
              assertThat(e.reason()).isEqualTo(Reason.NOT_ON_CURVE);
            })
        .hasMessageContaining("signature");
  }

  @Test
  void decompressesOnceAndCachesThePoint() {
    BlsSignature sig = BlsSignature.fromBytes(BlsSecretKey.fromSeed(2).sign(Bytes.of(1)).toBytes());
    assertThat(sig.pointOrNull()).isNotNull().isSameAs(sig.pointOrNull());
  }
}
