package io.edvt.infrastructure.crypto.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.junit.jupiter.api.Test;

/** LMS specifics; keys are h5 (32 leaves) so that exhausting one is cheap. */
class LmsSchemeTest {
  private static final LmsScheme SCHEME = LmsScheme.sha256(5, 4);
  private static final Bytes SEED_A = Bytes32.repeat((byte) 0xa1);
  private static final Bytes SEED_B = Bytes32.repeat((byte) 0xb2);
  private static final Bytes MESSAGE = Bytes32.fromHexString("0x" + "ab".repeat(32));

  /** Shared for verification-only tests; tests that count leaves derive their own key. */
  private static final LmsSigningKey KEY_A = SCHEME.generateKey(SEED_A);
  private static final LmsSigningKey KEY_B = SCHEME.generateKey(SEED_B);
  private static final LmsSignature SIGNATURE_A = KEY_A.sign(MESSAGE);

  @Test
  void declaresSizesFromItsParameterSetAndSignsWithExactlyThatSize() {
    assertThat(SCHEME.name()).isEqualTo("LMS_SHA256_M32_H5_LMOTS_SHA256_N32_W4");
    assertThat(SCHEME.publicKeySize()).isEqualTo(56);
    assertThat(SCHEME.signatureSize()).isEqualTo(4 + (4 + 32 + 67 * 32) + 4 + 5 * 32);
    assertThat(SIGNATURE_A.toBytes().size()).isEqualTo(SCHEME.signatureSize());
    assertThat(KEY_A.publicKey().toBytes().size()).isEqualTo(56);
    assertThat(LmsScheme.sha256(10, 4).signatureSize()).isEqualTo(2508);
    assertThat(LmsScheme.sha256(10, 8).signatureSize()).isEqualTo(1452);
    assertThat(LmsScheme.sha256(20, 8).signatureSize()).isEqualTo(1772);
  }

  @Test
  void verifiesItsOwnSignatureAndNothingElse() {
    assertThat(SCHEME.verify(KEY_A.publicKey(), MESSAGE, SIGNATURE_A)).isTrue();
    assertThat(SCHEME.verify(KEY_B.publicKey(), MESSAGE, SIGNATURE_A)).isFalse();
    assertThat(SCHEME.verify(KEY_A.publicKey(), Bytes32.ZERO, SIGNATURE_A)).isFalse();
  }

  @Test
  void rejectsTamperedAndMalformedSignaturesWithoutThrowing() {
    byte[] raw = SIGNATURE_A.toBytes().toArray();
    for (int offset : new int[] {3, 7, 40, raw.length - 1}) {
      byte[] tampered = raw.clone();
      tampered[offset] ^= 1;
      assertThat(SCHEME.verify(KEY_A.publicKey(), MESSAGE, SCHEME.decodeSignature(Bytes.wrap(tampered))))
          .as("byte %d flipped", offset)
          .isFalse();
    }
    byte[] hugeLeaf = raw.clone();
    hugeLeaf[0] = (byte) 0xff;
    assertThat(SCHEME.verify(KEY_A.publicKey(), MESSAGE, SCHEME.decodeSignature(Bytes.wrap(hugeLeaf)))).isFalse();
    Bytes garbage = Bytes.wrap(new byte[SCHEME.signatureSize()]);
    assertThat(SCHEME.verify(KEY_A.publicKey(), MESSAGE, SCHEME.decodeSignature(garbage))).isFalse();
    assertThatThrownBy(() -> SCHEME.decodeSignature(Bytes.wrap(new byte[10])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsKeysOfAnotherParameterSetAndUnparsableKeys() {
    LmsScheme other = LmsScheme.sha256(5, 8);
    LmsSigningKey otherKey = other.generateKey(SEED_A);
    assertThat(other.isValidPublicKey(otherKey.publicKey())).isTrue();
    assertThat(SCHEME.isValidPublicKey(otherKey.publicKey())).isFalse();
    assertThat(SCHEME.verify(otherKey.publicKey(), MESSAGE, SIGNATURE_A)).isFalse();
    LmsPublicKey zeros = SCHEME.decodePublicKey(Bytes.wrap(new byte[56]));
    assertThat(SCHEME.isValidPublicKey(zeros)).isFalse();
    assertThat(SCHEME.verify(zeros, MESSAGE, SIGNATURE_A)).isFalse();
    assertThatThrownBy(() -> SCHEME.decodePublicKey(Bytes.wrap(new byte[55])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void derivesTheSameKeyFromTheSameSeedAndDifferentKeysPerParameterSet() {
    assertThat(SCHEME.generateKey(SEED_A).publicKey()).isEqualTo(KEY_A.publicKey());
    assertThat(KEY_B.publicKey()).isNotEqualTo(KEY_A.publicKey());
    assertThatThrownBy(() -> SCHEME.generateKey(Bytes.wrap(new byte[31])))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LmsScheme.sha256(6, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LmsScheme.sha256(5, 3)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hasNoAggregationAndIsStateful() {
    assertThat(SCHEME.aggregation()).isEmpty();
    assertThat(SCHEME.isStateful()).isTrue();
  }

  @Test
  void everySignatureUsesTheNextLeafAndTheStateAdvances() {
    LmsSigningKey key = SCHEME.generateKey(Bytes32.repeat((byte) 3));
    assertThat(key.nextLeaf()).isZero();
    assertThat(key.remainingSignatures()).hasValue(32);
    LmsSignature first = key.sign(MESSAGE);
    LmsSignature second = key.sign(MESSAGE);
    LmsSignature third = key.sign(Bytes32.ZERO);
    assertThat(List.of(first.leafIndex(), second.leafIndex(), third.leafIndex())).containsExactly(0L, 1L, 2L);
    assertThat(first).isNotEqualTo(second);
    assertThat(key.nextLeaf()).isEqualTo(3);
    assertThat(key.remainingSignatures()).hasValue(29);
    assertThat(SCHEME.verify(key.publicKey(), MESSAGE, first)).isTrue();
    assertThat(SCHEME.verify(key.publicKey(), MESSAGE, second)).isTrue();
  }

  @Test
  void exhaustingTheKeyIsAClearErrorAndSignsNothingMore() {
    LmsSigningKey key = SCHEME.generateKey(Bytes32.repeat((byte) 4));
    for (int i = 0; i < 32; i++) {
      assertThat(key.sign(MESSAGE).leafIndex()).isEqualTo(i);
    }
    assertThat(key.remainingSignatures()).hasValue(0);
    assertThatThrownBy(() -> key.sign(MESSAGE))
        .isInstanceOf(SigningKeyExhaustedException.class)
        .hasMessageContaining("used all 32 one-time keys");
    assertThat(key.nextLeaf()).isEqualTo(32);
  }

  @Test
  void concurrentSignersNeverShareALeaf() throws Exception {
    LmsSigningKey key = SCHEME.generateKey(Bytes32.repeat((byte) 5));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<LmsSignature>> futures = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        Bytes message = Bytes32.repeat((byte) i);
        futures.add(pool.submit(() -> key.sign(message)));
      }
      Set<Long> leaves = new HashSet<>();
      for (Future<LmsSignature> f : futures) {
        leaves.add(f.get().leafIndex());
      }
      assertThat(leaves).hasSize(24);
      assertThat(key.nextLeaf()).isEqualTo(24);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void recordsTheNextLeafBeforeTheSignatureExists() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    LmsSigningKey key = SCHEME.restoreKey(Bytes32.repeat((byte) 6), 0, next -> events.add("persist " + next));
    key.sign(MESSAGE);
    events.add("signed");
    key.sign(MESSAGE);
    events.add("signed");
    assertThat(events).containsExactly("persist 1", "signed", "persist 2", "signed");
  }

  @Test
  void aFailingStoreBurnsTheLeafAndSignsNothing() {
    boolean[] fail = {true};
    LmsSigningKey key =
        SCHEME.restoreKey(
            Bytes32.repeat((byte) 7),
            0,
            next -> {
              if (fail[0]) {
                throw new IllegalStateException("disk full");
              }
            });
    assertThatThrownBy(() -> key.sign(MESSAGE)).hasMessage("disk full");
    assertThatThrownBy(() -> key.sign(MESSAGE)).hasMessage("disk full");
    assertThat(key.nextLeaf()).isEqualTo(2);
    fail[0] = false;
    LmsSignature signature = key.sign(MESSAGE);
    assertThat(signature.leafIndex()).isEqualTo(2);
    assertThat(SCHEME.verify(key.publicKey(), MESSAGE, signature)).isTrue();
  }

  @Test
  void aRestoredKeyContinuesAtThePersistedLeaf() {
    long[] persisted = {0};
    LmsSigningKey original = SCHEME.restoreKey(Bytes32.repeat((byte) 8), 0, next -> persisted[0] = next);
    LmsSignature before = original.sign(MESSAGE);
    original.sign(MESSAGE);
    LmsSigningKey restored = SCHEME.restoreKey(Bytes32.repeat((byte) 8), persisted[0], LeafIndexStore.IN_MEMORY);
    assertThat(restored.publicKey()).isEqualTo(original.publicKey());
    LmsSignature after = restored.sign(MESSAGE);
    assertThat(after.leafIndex()).isEqualTo(2);
    assertThat(after).isNotEqualTo(before);
    assertThat(SCHEME.verify(restored.publicKey(), MESSAGE, after)).isTrue();
    assertThatThrownBy(() -> SCHEME.restoreKey(Bytes32.repeat((byte) 8), 33, LeafIndexStore.IN_MEMORY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyRestoredAsExhaustedCannotSign() {
    LmsSigningKey key = SCHEME.restoreKey(Bytes32.repeat((byte) 9), 32, LeafIndexStore.IN_MEMORY);
    assertThat(key.remainingSignatures()).hasValue(0);
    assertThatThrownBy(() -> key.sign(MESSAGE)).isInstanceOf(SigningKeyExhaustedException.class);
  }
}
