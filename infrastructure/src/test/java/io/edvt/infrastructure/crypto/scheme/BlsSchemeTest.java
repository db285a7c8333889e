package io.edvt.infrastructure.crypto.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.edvt.infrastructure.crypto.bls.Bls;
import io.edvt.infrastructure.crypto.bls.BlsPublicKey;
import io.edvt.infrastructure.crypto.bls.BlsSignature;
import java.util.List;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

class BlsSchemeTest {
  private static final BlsScheme SCHEME = BlsScheme.INSTANCE;
  private static final Bytes MESSAGE = Bytes32.fromHexString("0x" + "ab".repeat(32));
  private static final BlsSigningKey KEY_1 = SCHEME.generateKey(Bytes32.repeat((byte) 1));
  private static final BlsSigningKey KEY_2 = SCHEME.generateKey(Bytes32.repeat((byte) 2));

  @Test
  void signsAndVerifiesExactlyAsTheBlsClassesDo() {
    BlsSignature signature = KEY_1.sign(MESSAGE);
    assertThat(signature).isEqualTo(Bls.sign(KEY_1.secretKey(), MESSAGE));
    assertThat(SCHEME.verify(KEY_1.publicKey(), MESSAGE, signature)).isTrue();
    assertThat(SCHEME.verify(KEY_2.publicKey(), MESSAGE, signature)).isFalse();
    assertThat(SCHEME.verify(KEY_1.publicKey(), Bytes32.ZERO, signature)).isFalse();
  }

  @Test
  void derivesTheSameKeyFromTheSameSeed() {
    assertThat(SCHEME.generateKey(Bytes32.repeat((byte) 1)).publicKey()).isEqualTo(KEY_1.publicKey());
    assertThatThrownBy(() -> SCHEME.generateKey(Bytes.wrap(new byte[31])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signsWithTheSigningDstNotThePopDst() {
    // the ciphersuite's unbound PopProve is not an ordinary signature over the key bytes
    Bytes keyBytes = KEY_1.publicKey().toBytes();
    assertThat(SCHEME.verify(KEY_1.publicKey(), keyBytes, KEY_1.sign(keyBytes))).isTrue();
    assertThat(SCHEME.verify(KEY_1.publicKey(), keyBytes, Bls.popProve(KEY_1.secretKey()))).isFalse();
  }

  @Test
  void offersAggregationWithFastAggregateVerify() {
    Aggregation<BlsPublicKey, BlsSignature> aggregation = SCHEME.aggregation().orElseThrow();
    BlsSignature aggregate = aggregation.aggregate(List.of(KEY_1.sign(MESSAGE), KEY_2.sign(MESSAGE)));
    assertThat(aggregation.fastAggregateVerify(List.of(KEY_1.publicKey(), KEY_2.publicKey()), MESSAGE, aggregate))
        .isTrue();
    assertThat(aggregation.fastAggregateVerify(List.of(KEY_1.publicKey()), MESSAGE, aggregate)).isFalse();
    assertThat(aggregation.fastAggregateVerify(List.of(), MESSAGE, aggregate)).isFalse();
    assertThatThrownBy(() -> aggregation.aggregate(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decodesOnlyEncodingsOfTheDeclaredSizes() {
    assertThat(SCHEME.publicKeySize()).isEqualTo(48);
    assertThat(SCHEME.signatureSize()).isEqualTo(96);
    assertThat(SCHEME.decodePublicKey(SCHEME.encodePublicKey(KEY_1.publicKey()))).isEqualTo(KEY_1.publicKey());
    BlsSignature signature = KEY_1.sign(MESSAGE);
    assertThat(SCHEME.decodeSignature(SCHEME.encodeSignature(signature))).isEqualTo(signature);
    assertThatThrownBy(() -> SCHEME.decodePublicKey(Bytes.wrap(new byte[47])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SCHEME.decodeSignature(Bytes.wrap(new byte[95])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void judgesKeysWithKeyValidate() {
    assertThat(SCHEME.isValidPublicKey(KEY_1.publicKey())).isTrue();
    BlsPublicKey infinity = SCHEME.decodePublicKey(Bytes.fromHexString("0xc0" + "00".repeat(47)));
    assertThat(SCHEME.isValidPublicKey(infinity)).isFalse();
    assertThat(SCHEME.verify(infinity, MESSAGE, KEY_1.sign(MESSAGE))).isFalse();
  }

  @Test
  void isStatelessAndNeverExhausted() {
    assertThat(SCHEME.isStateful()).isFalse();
    assertThat(KEY_1.remainingSignatures()).isEmpty();
    assertThat(KEY_1.toString()).doesNotContain(KEY_1.secretKey().toBytes().toHexString().substring(2));
  }
}
