package io.edvt.infrastructure.crypto.bls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class BlsSecretKeyTest {
  private static final BigInteger R =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  @Test
  void roundTripsThirtyTwoBigEndianBytes() {
    Bytes32 raw = Bytes32.fromHexString("0x328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216");
    BlsSecretKey sk = BlsSecretKey.fromBytes(raw);
    assertThat(sk.toBytes()).isEqualTo(raw);
    assertThat(BlsSecretKey.fromBytes(sk.toBytes())).isEqualTo(sk);
  }

  @Test
  void secretKeyOfOneHasTheGeneratorAsPublicKey() {
    BlsSecretKey one = BlsSecretKey.fromBigInteger(BigInteger.ONE);
    assertThat(one.publicKey().toBytes().toHexString())
        .isEqualTo("0x97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb");
  }

  @Test
  void rejectsZeroKey() {
    assertThatThrownBy(() -> BlsSecretKey.fromBytes(Bytes32.ZERO))
        .isInstanceOf(BlsException.class)
        .hasMessageContaining("zero");
  }

  @Test
  void rejectsKeyEqualToOrAboveGroupOrder() {
    assertThatThrownBy(() -> BlsSecretKey.fromBytes(Bytes32.leftPad(Bytes.wrap(R.toByteArray()))))
        .isInstanceOf(BlsException.class)
        .hasMessageContaining("group order");
    assertThatThrownBy(() -> BlsSecretKey.fromBytes(Bytes32.fromHexString("0x" + "ff".repeat(32))))
        .isInstanceOf(BlsException.class);
    BlsSecretKey largest = BlsSecretKey.fromBigInteger(R.subtract(BigInteger.ONE));
    assertThat(largest.publicKey().isValid()).isTrue();
  }

  @Test
  void rejectsWrongLength() {
    assertThatThrownBy(() -> BlsSecretKey.fromBytes(Bytes.wrap(new byte[31])))
        .isInstanceOf(BlsException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void interopKeysMatchTheWellKnownFirstValidator() {
    BlsSecretKey sk = BlsSecretKey.interop(0);
    assertThat(sk.toBytes().toHexString())
        .isEqualTo("0x25295f0d1d592a90b333e26e85149708208e9f8e8bc18f6c77bd62f8ad7a6866");
    assertThat(sk.publicKey().toBytes().toHexString())
        .isEqualTo("0xa99a76ed7796f7be22d5b7e85deeb7c5677e88e511e0b337618f8c4eb61349b4bf2d153f649f7b53359fe8b94a38e44c");
    assertThat(BlsSecretKey.interop(1)).isNotEqualTo(sk);
  }

  @Test
  void seededKeysAreDeterministicAndDistinct() {
    assertThat(BlsSecretKey.fromSeed(7)).isEqualTo(BlsSecretKey.fromSeed(7));
    assertThat(BlsSecretKey.fromSeed(7)).isNotEqualTo(BlsSecretKey.fromSeed(8));
    Bytes ikm = Bytes.wrap(new byte[32]);
    assertThat(BlsSecretKey.fromSeed(ikm).toBytes()).isEqualTo(BlsSecretKey.fromSeed(ikm).toBytes());
    assertThat(BlsSecretKey.fromSeed(ikm).toBytes()).isNotEqualTo(Bytes32.ZERO);
  }

  @Test
  void keyGenRejectsShortKeyMaterial() {
    assertThatThrownBy(() -> BlsSecretKey.fromSeed(Bytes.wrap(new byte[31])))
        .isInstanceOf(BlsException.class)
        .hasMessageContaining("at least 32");
  }

  @Test
  void randomKeysDiffer() {
    assertThat(BlsSecretKey.random()).isNotEqualTo(BlsSecretKey.random());
  }

  @Test
  void toStringDoesNotRevealTheScalar() {
    BlsSecretKey sk = BlsSecretKey.fromSeed(1);
    String hex = sk.toBytes().toUnprefixedHexString();
    assertThat(sk.toString()).doesNotContain(hex).contains(sk.publicKey().toString());
  }
}
